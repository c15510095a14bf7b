/*
 * C baseline of xfs-iomap-stale-write: rounds over a 128 MiB preallocated file; each round cuts a
 * 256 KiB region at 7 unaligned points and 4 writer threads pwrite the 8 adjacent segments at once
 * (a barrier per round), a flusher sync_file_range(WRITE)s the region (fdatasync every 16th), an
 * evictor fadvise(DONTNEED)s it and, every other time, faults it in through a read-only shared
 * mapping and MADV_PAGEOUTs it. A region written again is punched and re-preallocated first.
 * Usage: xfs_iomap_stale_write DIR SECONDS; prints "attempts=N seconds=S" (7 adjacent pairs a round).
 */
#include "common.h"

#define WRITERS 4
#define SEGMENTS 8
#define REGION (256 * 1024)
#define FILE_BYTES (128L << 20)
#define REGIONS (FILE_BYTES / REGION)
#define PAGE 4096

static int fd;
static char *view;
static pthread_barrier_t barrier;
static _Atomic long current_region = -1;
static long cuts[SEGMENTS + 1];
static int writer_of[SEGMENTS];
static int order[SEGMENTS];
static long generation;
static volatile long sink;

static void fill(unsigned char *dst, long off, long len, long gen) {
    /* the same work as BytePattern.fill: one splitmix word per 8 file bytes, every byte odd */
    long i = 0;
    for (; i < len && ((off + i) & 7); i++)
        dst[i] = (unsigned char)((mix64(mix64(((off + i) >> 3) * 0x9e3779b97f4a7c15ULL) ^ gen * 0xbf58476d1ce4e5b9ULL) | 0x0101010101010101ULL) >> (((off + i) & 7) * 8));
    for (; i + 8 <= len; i += 8) {
        uint64_t w = mix64(mix64(((off + i) >> 3) * 0x9e3779b97f4a7c15ULL) ^ gen * 0xbf58476d1ce4e5b9ULL) | 0x0101010101010101ULL;
        memcpy(dst + i, &w, 8);
    }
    for (; i < len; i++)
        dst[i] = (unsigned char)((mix64(mix64(((off + i) >> 3) * 0x9e3779b97f4a7c15ULL) ^ gen * 0xbf58476d1ce4e5b9ULL) | 0x0101010101010101ULL) >> (((off + i) & 7) * 8));
}

static void plan(long round, uint64_t seed) {
    uint64_t s = seed ^ (round * 0x9e3779b97f4a7c15ULL + 0x3003);
    long region = round % REGIONS;
    generation = round / REGIONS + 1;
    long base = region * REGION, slot = REGION / SEGMENTS;
    cuts[0] = base;
    cuts[SEGMENTS] = base + REGION;
    for (int k = 1; k < SEGMENTS; k++) {
        long cut;
        do {
            cut = base + k * slot - slot / 4 + (long)(rng_next(&s) % (slot / 2));
        } while (cut % PAGE == 0);
        cuts[k] = cut;
    }
    for (int k = 0; k < SEGMENTS; k++) { writer_of[k] = k % WRITERS; order[k] = k; }
    for (int k = SEGMENTS - 1; k > 0; k--) {
        int j = rng_next(&s) % (k + 1), t = writer_of[k]; writer_of[k] = writer_of[j]; writer_of[j] = t;
        j = rng_next(&s) % (k + 1); t = order[k]; order[k] = order[j]; order[j] = t;
    }
    if (generation > 1) {
        if (fallocate(fd, FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE, base, REGION) < 0) die("punch");
        if (fallocate(fd, FALLOC_FL_KEEP_SIZE, base, REGION) < 0) die("fallocate");
    }
    atomic_store(&current_region, region);
}

static void write_segments(int me, unsigned char *buf) {
    for (int k = 0; k < SEGMENTS; k++) {
        int seg = order[k];
        if (writer_of[seg] != me) continue;
        long off = cuts[seg], len = cuts[seg + 1] - cuts[seg];
        fill(buf, off, len, generation);
        if (pwrite(fd, buf, len, off) != len) die("pwrite");
    }
}

static long rounds;

static void *writer(void *arg) {
    int me = (int)(long)arg;
    unsigned char *buf = aligned_alloc(PAGE, REGION);
    for (long round = 0;; round++) {
        if (me == 0) {
            if (atomic_load(&stop_flag)) {
                atomic_store(&current_region, -2);
            } else {
                plan(round, 4242);
            }
        }
        pthread_barrier_wait(&barrier);
        if (atomic_load(&current_region) == -2) break;
        write_segments(me, buf);
        pthread_barrier_wait(&barrier);
        if (me == 0) rounds++;
    }
    free(buf);
    return NULL;
}

static void *flusher(void *arg) {
    (void)arg;
    for (long i = 0; !atomic_load_explicit(&stop_flag, memory_order_relaxed); i++) {
        long r = atomic_load(&current_region);
        if (r < 0) continue;
        if (i % 16 == 15) { if (fdatasync(fd) < 0) die("fdatasync"); }
        else if (sync_file_range(fd, r * REGION, REGION, SYNC_FILE_RANGE_WRITE) < 0) die("sync_file_range");
    }
    return NULL;
}

static void *evictor(void *arg) {
    (void)arg;
    for (long i = 0; !atomic_load_explicit(&stop_flag, memory_order_relaxed); i++) {
        long r = atomic_load(&current_region);
        if (r < 0) continue;
        long start = r * REGION;
        int e = posix_fadvise(fd, start, REGION, POSIX_FADV_DONTNEED);
        if (e) { errno = e; die("posix_fadvise"); }
        if (i & 1) {
            long sum = 0;
            for (long off = start; off < start + REGION; off += PAGE) sum += view[off];
            sink = sum;
            if (madvise(view + start, REGION, MADV_PAGEOUT) < 0) die("madvise");
        }
    }
    return NULL;
}

int main(int argc, char **argv) {
    if (argc < 3) { fprintf(stderr, "usage: %s DIR SECONDS\n", argv[0]); return 2; }
    char path[4096];
    snprintf(path, sizeof path, "%s/iomap-stale.dat", argv[1]);
    double secs = atof(argv[2]);
    fd = open(path, O_RDWR | O_CREAT, 0644);
    if (fd < 0) die("open");
    if (fallocate(fd, 0, 0, FILE_BYTES) < 0) die("fallocate");
    fsync(fd);
    view = mmap(NULL, FILE_BYTES, PROT_READ, MAP_SHARED, fd, 0);
    if (view == MAP_FAILED) die("mmap");
    pthread_barrier_init(&barrier, NULL, WRITERS);
    pthread_t t[WRITERS + 3];
    double t0 = now_s(), c0 = cpu_s();
    pthread_create(&t[0], NULL, timer_thread, &secs);
    pthread_create(&t[1], NULL, flusher, NULL);
    pthread_create(&t[2], NULL, evictor, NULL);
    for (long w = 0; w < WRITERS; w++) pthread_create(&t[3 + w], NULL, writer, (void *)w);
    for (int i = 0; i < WRITERS + 3; i++) pthread_join(t[i], NULL);
    double el = now_s() - t0;
    printf("attempts=%ld seconds=%.3f cpu=%.3f\n", rounds * (SEGMENTS - 1), el, cpu_s() - c0);
    return 0;
}
