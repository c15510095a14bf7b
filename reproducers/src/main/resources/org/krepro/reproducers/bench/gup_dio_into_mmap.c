/*
 * C baseline of gup-dio-into-mmap (ReadPath.PREAD): the reader pread()s file2 (O_DIRECT) into a
 * MAP_SHARED mapping of file1 in 256 KiB chunks, while one thread alternates MADV_PAGEOUT/MADV_COLD
 * over the mapping and another msync(MS_SYNC)s it, fsync()ing file1 every fourth time.
 * Usage: gup_dio_into_mmap DIR SECONDS; prints "attempts=N seconds=S".
 */
#include "common.h"

#define MAP_BYTES (2L << 20)
#define CHUNK (256 * 1024)
#define CHUNKS (MAP_BYTES / CHUNK)

static char *map;
static int fd1, fd2;
static long reclaims, writebacks;

static void *reclaim(void *arg) {
    (void)arg;
    for (long i = 0; !atomic_load_explicit(&stop_flag, memory_order_relaxed); i++) {
        static unsigned char vec[MAP_BYTES / 4096];
        if (i % 128 == 0 && mincore(map, MAP_BYTES, vec) < 0) die("mincore");   /* the sampled measurement */
        if (madvise(map, MAP_BYTES, (i & 1) == 0 ? MADV_PAGEOUT : MADV_COLD) < 0) die("madvise");
        if (i % 128 == 0 && mincore(map, MAP_BYTES, vec) < 0) die("mincore");
        reclaims++;
    }
    return NULL;
}

static void *writeback(void *arg) {
    (void)arg;
    for (long i = 0; !atomic_load_explicit(&stop_flag, memory_order_relaxed); i++) {
        if (i % 4 == 3) {
            if (fsync(fd1) < 0) die("fsync");
        } else if (msync(map, MAP_BYTES, MS_SYNC) < 0) die("msync");
        writebacks++;
    }
    return NULL;
}

int main(int argc, char **argv) {
    if (argc < 3) { fprintf(stderr, "usage: %s DIR SECONDS\n", argv[0]); return 2; }
    char p1[4096], p2[4096];
    snprintf(p1, sizeof p1, "%s/file1", argv[1]);
    snprintf(p2, sizeof p2, "%s/file2", argv[1]);
    double secs = atof(argv[2]);
    void *data;
    if (posix_memalign(&data, 4096, MAP_BYTES)) die("posix_memalign");
    uint64_t s = 1;
    for (long i = 0; i < MAP_BYTES / 8; i++) ((uint64_t *)data)[i] = rng_next(&s);
    int w = open(p2, O_RDWR | O_CREAT | O_DIRECT, 0644);
    if (w < 0) die("open file2");
    if (pwrite(w, data, MAP_BYTES, 0) != MAP_BYTES) die("pwrite");
    fsync(w);
    close(w);
    fd1 = open(p1, O_RDWR | O_CREAT, 0644);
    fd2 = open(p2, O_RDONLY | O_DIRECT);
    if (fd1 < 0 || fd2 < 0) die("open");
    if (ftruncate(fd1, MAP_BYTES) < 0) die("ftruncate");
    map = mmap(NULL, MAP_BYTES, PROT_READ | PROT_WRITE, MAP_SHARED, fd1, 0);
    if (map == MAP_FAILED) die("mmap");
    pthread_t t[3];
    double c0 = cpu_s(), t0 = now_s();
    pthread_create(&t[0], NULL, timer_thread, &secs);
    pthread_create(&t[1], NULL, reclaim, NULL);
    pthread_create(&t[2], NULL, writeback, NULL);
    long attempts = 0;
    for (long i = 0; !atomic_load_explicit(&stop_flag, memory_order_relaxed); i++) {
        long off = (i % CHUNKS) * CHUNK;
        if (pread(fd2, map + off, CHUNK, off) != CHUNK) die("pread");
        attempts++;
    }
    double el = now_s() - t0;
    for (int i = 0; i < 3; i++) pthread_join(t[i], NULL);
    el = now_s() - t0;
    printf("attempts=%ld seconds=%.3f cpu=%.3f reclaim=%ld writeback=%ld\n", attempts, el, cpu_s() - c0, reclaims, writebacks);
    return 0;
}
