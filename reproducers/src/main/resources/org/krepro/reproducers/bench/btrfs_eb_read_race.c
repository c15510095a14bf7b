/*
 * C baseline of BtrfsEbReadRace's core loop (seed 004), for the race-attempt-rate comparison:
 * rounds of drop caches, then THREADS threads, each with its own io_uring, over the same files in the
 * same order, in batches: STATX, then OPENAT, READ, CLOSE. The tree (dNN/fNNNN) must already exist.
 *
 *   gcc -O2 -o btrfs_eb_read_race btrfs_eb_read_race.c -luring -lpthread
 *   ./btrfs_eb_read_race MOUNTDIR DIRS FILES_PER_DIR THREADS BATCH SECONDS
 *
 * Prints: iterations=N seconds=S ops=N euclean=N
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <liburing.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static int dirfd_, files, threads, batch, files_per_dir;
static char **paths;
static pthread_barrier_t bar;
static volatile int stop;
static double deadline;
static long ops_total, euclean_total;
static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;

static double now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void wait_n(struct io_uring *ring, int n, int *res) {
    io_uring_submit_and_wait(ring, n);
    for (int got = 0; got < n;) {
        struct io_uring_cqe *cqe;
        if (io_uring_wait_cqe(ring, &cqe) < 0) {
            perror("io_uring_wait_cqe");
            exit(1);
        }
        res[cqe->user_data] = cqe->res;
        io_uring_cqe_seen(ring, cqe);
        got++;
    }
}

static void *reader(void *arg) {
    (void)arg;
    struct io_uring ring;
    if (io_uring_queue_init(batch * 2, &ring, 0) < 0) {
        perror("io_uring_queue_init");
        exit(1);
    }
    struct statx *stx = calloc(batch, sizeof(struct statx));
    char *buf = aligned_alloc(4096, 4096L * batch);
    int *res = calloc(batch, sizeof(int)), *fds = calloc(batch, sizeof(int));
    long ops = 0, euclean = 0;
    for (;;) {
        pthread_barrier_wait(&bar); /* start */
        if (stop)
            break;
        for (int first = 0; first < files && now() < deadline; first += batch) {
            int count = files - first < batch ? files - first : batch;
            for (int k = 0; k < count; k++) {
                struct io_uring_sqe *sqe = io_uring_get_sqe(&ring);
                io_uring_prep_statx(sqe, dirfd_, paths[first + k], 0, STATX_BASIC_STATS, &stx[k]);
                sqe->user_data = k;
            }
            wait_n(&ring, count, res);
            for (int k = 0; k < count; k++)
                euclean += res[k] == -EUCLEAN;
            for (int k = 0; k < count; k++) {
                struct io_uring_sqe *sqe = io_uring_get_sqe(&ring);
                io_uring_prep_openat(sqe, dirfd_, paths[first + k], O_RDONLY | O_NOATIME | O_CLOEXEC, 0);
                sqe->user_data = k;
            }
            wait_n(&ring, count, fds);
            int reads = 0;
            for (int k = 0; k < count; k++) {
                euclean += fds[k] == -EUCLEAN;
                if (fds[k] >= 0) {
                    struct io_uring_sqe *sqe = io_uring_get_sqe(&ring);
                    io_uring_prep_read(sqe, fds[k], buf + 4096L * k, 4096, 0);
                    sqe->user_data = k;
                    reads++;
                }
            }
            wait_n(&ring, reads, res);
            int closes = 0;
            for (int k = 0; k < count; k++) {
                if (fds[k] >= 0) {
                    struct io_uring_sqe *sqe = io_uring_get_sqe(&ring);
                    io_uring_prep_close(sqe, fds[k]);
                    sqe->user_data = k;
                    closes++;
                }
            }
            wait_n(&ring, closes, res);
            ops += 2L * count + reads + closes;
        }
        pthread_barrier_wait(&bar); /* end */
    }
    pthread_mutex_lock(&mu);
    ops_total += ops;
    euclean_total += euclean;
    pthread_mutex_unlock(&mu);
    io_uring_queue_exit(&ring);
    return NULL;
}

int main(int argc, char **argv) {
    if (argc != 7) {
        fprintf(stderr, "usage: %s MOUNTDIR DIRS FILES_PER_DIR THREADS BATCH SECONDS\n", argv[0]);
        return 2;
    }
    int dirs = atoi(argv[2]);
    files_per_dir = atoi(argv[3]);
    threads = atoi(argv[4]);
    batch = atoi(argv[5]);
    double seconds = atof(argv[6]);
    files = dirs * files_per_dir;
    dirfd_ = open(argv[1], O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dirfd_ < 0) {
        perror(argv[1]);
        return 1;
    }
    paths = calloc(files, sizeof(char *));
    for (int i = 0; i < files; i++) {
        paths[i] = malloc(32);
        snprintf(paths[i], 32, "d%02d/f%04d", i / files_per_dir, i);
    }
    int drop = open("/proc/sys/vm/drop_caches", O_WRONLY | O_CLOEXEC);
    if (drop < 0) {
        perror("drop_caches");
        return 1;
    }
    pthread_barrier_init(&bar, NULL, threads + 1);
    pthread_t *th = calloc(threads, sizeof(pthread_t));
    double t0 = now();
    deadline = t0 + seconds;
    for (int i = 0; i < threads; i++)
        pthread_create(&th[i], NULL, reader, NULL);
    long iterations = 0;
    while (now() < deadline) {
        if (pwrite(drop, "3", 1, 0) != 1) {
            perror("drop_caches");
            return 1;
        }
        pthread_barrier_wait(&bar);
        pthread_barrier_wait(&bar);
        iterations++;
    }
    stop = 1;
    pthread_barrier_wait(&bar);
    for (int i = 0; i < threads; i++)
        pthread_join(th[i], NULL);
    double secs = now() - t0;
    printf("iterations=%ld seconds=%.3f ops=%ld euclean=%ld\n", iterations, secs, ops_total, euclean_total);
    return 0;
}
