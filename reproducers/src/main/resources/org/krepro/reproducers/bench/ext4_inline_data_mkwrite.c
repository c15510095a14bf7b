/*
 * C baseline of Ext4InlineDataMkwrite's core loop (seed 002), for the race-attempt-rate comparison.
 * IT CAN TAKE THE KERNEL DOWN: run it only in a virtual machine, on the filesystem the reproducer's
 * afterMkfs prepared (inline0..inline3 inline files, bitmaps full, counters claiming room), mounted
 * with errors=continue. It refuses to start unless KREPRO_ALLOW_HOST_CRASH=1 is set.
 *
 *   gcc -O2 -o ext4_inline_data_mkwrite ext4_inline_data_mkwrite.c -lpthread
 *   KREPRO_ALLOW_HOST_CRASH=1 ./ext4_inline_data_mkwrite MOUNTDIR SECONDS SEED
 *
 * cpu1 (main thread): pwrite 8..80 bytes at offsets 0..50 into the inline file, ftruncate back to
 * 16 bytes one time in 16, recreate the file (unlink, O_EXCL create, 16 bytes) every 256..1279
 * iterations. cpu2: map the current file MAP_SHARED and read(2) one byte from /dev/zero into the
 * mapping (the write fault runs ext4_page_mkwrite; EFAULT when it refuses), as the Java loop does.
 *
 * Prints: pwrites=N mkwrite_attempts=N seconds=S enospc=N efault=N
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

static char dir[4096];
static _Atomic long generation;
static _Atomic int current_file;
static atomic_int stop, recreate;
static long attempts, efault;

static double now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void path_of(int i, char *out) { snprintf(out, 4200, "%s/inline%d", dir, i); }

static void *cpu2(void *arg) {
    unsigned seed = (unsigned)(long)arg;
    int zero = open("/dev/zero", O_RDONLY | O_CLOEXEC);
    long gen = -1;
    int fd = -1;
    char *map = NULL;
    char path[4200];
    while (!stop) {
        long g = generation;
        if (g != gen) {
            if (map)
                munmap(map, 4096), map = NULL;
            if (fd >= 0)
                close(fd), fd = -1;
            path_of(current_file, path);
            fd = open(path, O_RDWR | O_CLOEXEC);
            if (fd < 0)
                continue; /* between unlink and create */
            map = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
            if (map == MAP_FAILED) {
                perror("mmap");
                exit(1);
            }
            gen = g;
        }
        attempts++;
        if (pread(zero, map + rand_r(&seed) % 16, 1, 0) == 1) {
            recreate = 1;
            gen = -1;
        } else if (errno == EFAULT) {
            efault++;
        }
    }
    return NULL;
}

int main(int argc, char **argv) {
    if (argc != 4) {
        fprintf(stderr, "usage: KREPRO_ALLOW_HOST_CRASH=1 %s MOUNTDIR SECONDS SEED\n", argv[0]);
        return 2;
    }
    const char *allow = getenv("KREPRO_ALLOW_HOST_CRASH");
    if (!allow || strcmp(allow, "1") != 0) {
        fprintf(stderr, "refusing: this race can crash the kernel; run it in a VM with KREPRO_ALLOW_HOST_CRASH=1\n");
        return 3;
    }
    snprintf(dir, sizeof dir, "%s", argv[1]);
    double seconds = atof(argv[2]);
    unsigned seed = (unsigned)atol(argv[3]);
    char data[80], first[16], path[4200];
    for (int i = 0; i < 80; i++)
        data[i] = 'a' + rand_r(&seed) % 26;
    memcpy(first, data, 16);
    path_of(0, path);
    int fd = open(path, O_RDWR | O_CLOEXEC);
    if (fd < 0) {
        perror(path);
        return 1;
    }
    pthread_t th;
    pthread_create(&th, NULL, cpu2, (void *)(long)(seed + 1));
    long n = 0, pwrites = 0, enospc = 0, next_recreate = 256 + rand_r(&seed) % 1024;
    double t0 = now(), deadline = t0 + seconds;
    while (now() < deadline) {
        n++;
        if (n >= next_recreate || atomic_exchange(&recreate, 0)) {
            close(fd);
            int f = rand_r(&seed) % 4;
            path_of(f, path);
            unlink(path);
            fd = open(path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
            if (fd < 0) {
                perror(path);
                return 1;
            }
            pwrite(fd, first, 16, 0);
            current_file = f;
            generation++;
            next_recreate = n + 256 + rand_r(&seed) % 1024;
        }
        int len = 8 + rand_r(&seed) % 73, off = rand_r(&seed) % 51;
        if (pwrite(fd, data, len, off) < 0 && errno == ENOSPC)
            enospc++;
        pwrites++;
        if (rand_r(&seed) % 16 == 0)
            ftruncate(fd, 16);
    }
    stop = 1;
    pthread_join(th, NULL);
    printf("pwrites=%ld mkwrite_attempts=%ld seconds=%.3f enospc=%ld efault=%ld\n", pwrites, attempts,
           now() - t0, enospc, efault);
    return 0;
}
