/*
 * C baseline of ext4-jbd2-migration: 4 fsstress-like threads (create, mkdir, write, extend, truncate,
 * fallocate, unlink, rename, fsync, rmdir with the reproducer's weights, each in its own directory),
 * a compactor writing 1 to /proc/sys/vm/compact_memory every 2-4 s, and a mover that maps the ext4
 * metadata of a read-only shared mapping of the block device (byte ranges "start length" read from
 * RANGES: the bitmaps and inode tables dumpe2fs lists) 256 pages at a time and move_pages()s them (a
 * query with no target nodes: this baseline is for one-node hosts).
 * Usage: ext4_jbd2_migration DIR DEVICE RANGES SECONDS; prints "attempts=N seconds=S" (metadata ops).
 */
#include "common.h"
#include <linux/fs.h>
#include <sys/ioctl.h>

#define STRESSORS 4
#define MAX_FILES 200
#define MAX_DIRS 512
#define MAX_FILE (4L << 20)
#define MAX_BYTES (48L << 20)
#define WINDOW 256
#define SWEEP_PAUSE_MS 10
#define PAGE 4096

enum { CREATE, MKDIR, WRITE, EXTEND, TRUNCATE, FALLOCATE, UNLINK, RENAME, FSYNC, RMDIR, NOPS };
static const int weights[NOPS] = {10, 3, 24, 8, 8, 8, 8, 6, 6, 2};
static const char *root;
static _Atomic long ops;
static long mover_windows;

struct stressor {
    int index;
    uint64_t rng;
    char files[MAX_FILES][256];
    int nfiles;
    char dirs[MAX_DIRS][256];
    int ndirs;
    long bytes, names;
    char data[64 * 1024];
};

static long rnd(struct stressor *s, long n) { return (long)(rng_next(&s->rng) % (uint64_t)n); }

static void new_name(struct stressor *s, const char *prefix, char *out) {
    const char *d = s->dirs[rnd(s, s->ndirs)];
    snprintf(out, 256, "%s/%s%lx", d, prefix, s->names++);
}

static void do_write(struct stressor *s, int fd, long off) {
    int len = 512 * (1 + rnd(s, 32));
    int from = rnd(s, sizeof s->data - len + 1) & ~7;
    if (pwrite(fd, s->data + from, len, off) < 0 && errno != ENOSPC) die("pwrite");
    s->bytes += len;
}

static int apply(struct stressor *s, int op) {
    char p[256];
    int fd;
    struct stat st;
    switch (op) {
    case CREATE:
        if (s->nfiles >= MAX_FILES) return 0;
        new_name(s, "f", p);
        fd = open(p, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
        if (fd < 0) return 0;
        strcpy(s->files[s->nfiles++], p);
        if (rnd(s, 2)) do_write(s, fd, 0);
        close(fd);
        return 1;
    case MKDIR:
        if (s->ndirs >= MAX_DIRS) return 0;
        new_name(s, "d", p);
        if (mkdir(p, 0755) < 0) return 0;
        strcpy(s->dirs[s->ndirs++], p);
        return 1;
    case WRITE: case EXTEND: case TRUNCATE: case FALLOCATE: case FSYNC:
        if (!s->nfiles) return 0;
        fd = open(s->files[rnd(s, s->nfiles)], O_WRONLY | O_CLOEXEC);
        if (fd < 0) return 0;
        if (op == WRITE) {
            do_write(s, fd, rnd(s, MAX_FILE / 512) * 512);
        } else if (op == EXTEND) {
            fstat(fd, &st);
            long to = st.st_size + 1 + rnd(s, 256 * 1024);
            if (ftruncate(fd, to < MAX_FILE ? to : MAX_FILE) < 0 && errno != ENOSPC) die("ftruncate");
        } else if (op == TRUNCATE) {
            fstat(fd, &st);
            long to = st.st_size == 0 ? 0 : rnd(s, st.st_size);
            if (ftruncate(fd, to) < 0) die("ftruncate");
            s->bytes -= st.st_size - to;
            if (s->bytes < 0) s->bytes = 0;
        } else if (op == FALLOCATE) {
            long off = rnd(s, MAX_FILE / PAGE) * PAGE, len = (1 + rnd(s, 32)) * (long)PAGE;
            int r = rnd(s, 3);
            int mode = r == 0 ? 0 : r == 1 ? FALLOC_FL_KEEP_SIZE : FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE;
            if (fallocate(fd, mode, off, len) < 0 && errno != ENOSPC) die("fallocate");
            if (r != 2) s->bytes += len;
        } else {
            if (fsync(fd) < 0) die("fsync");
        }
        close(fd);
        return 1;
    case UNLINK: {
        if (!s->nfiles) return 0;
        long k = rnd(s, s->nfiles);
        unlink(s->files[k]);
        strcpy(s->files[k], s->files[--s->nfiles]);
        s->bytes -= MAX_FILE / 4;
        if (s->bytes < 0) s->bytes = 0;
        return 1;
    }
    case RENAME: {
        if (!s->nfiles) return 0;
        long k = rnd(s, s->nfiles);
        new_name(s, "r", p);
        if (rename(s->files[k], p) < 0) return 0;
        strcpy(s->files[k], p);
        return 1;
    }
    case RMDIR: {
        if (s->ndirs < 2) return 0;
        long k = 1 + rnd(s, s->ndirs - 1);
        if (rmdir(s->dirs[k]) < 0) return 0;
        strcpy(s->dirs[k], s->dirs[--s->ndirs]);
        return 1;
    }
    }
    return 0;
}

static void *stressor(void *arg) {
    struct stressor *s = arg;
    snprintf(s->dirs[0], 256, "%s/p%d", root, s->index);
    mkdir(s->dirs[0], 0755);
    s->ndirs = 1;
    for (size_t i = 0; i < sizeof s->data / 8; i++) ((uint64_t *)s->data)[i] = rng_next(&s->rng);
    int total = 0;
    for (int i = 0; i < NOPS; i++) total += weights[i];
    while (!atomic_load_explicit(&stop_flag, memory_order_relaxed)) {
        int op;
        if (s->bytes > MAX_BYTES || s->nfiles >= MAX_FILES) {
            op = rnd(s, 2) ? UNLINK : TRUNCATE;
        } else {
            int r = rnd(s, total);
            for (op = 0; op < NOPS; op++) { r -= weights[op]; if (r < 0) break; }
        }
        if (apply(s, op)) atomic_fetch_add_explicit(&ops, 1, memory_order_relaxed);
    }
    return NULL;
}

static void *compactor(void *arg) {
    (void)arg;
    uint64_t r = 7;
    while (!atomic_load(&stop_flag)) {
        int fd = open("/proc/sys/vm/compact_memory", O_WRONLY | O_CLOEXEC);
        if (fd >= 0) { if (pwrite(fd, "1", 1, 0) < 0) {} close(fd); }
        double end = now_s() + 2 + (rng_next(&r) % 2000) / 1000.0;
        while (now_s() < end && !atomic_load(&stop_flag)) usleep(50000);
    }
    return NULL;
}

static const char *device;
static const char *ranges_path;

static void *mover(void *arg) {
    (void)arg;
    int fd = open(device, O_RDONLY | O_CLOEXEC);
    if (fd < 0) die("open device");
    uint64_t size;
    if (ioctl(fd, BLKGETSIZE64, &size) < 0) die("BLKGETSIZE64");
    char *view = mmap(NULL, size, PROT_READ, MAP_SHARED, fd, 0);
    if (view == MAP_FAILED) die("mmap device");
    /* windows of <= 256 pages over the metadata ranges ("start length" byte lines) */
    static long win_first[1 << 16];
    static int win_n[1 << 16];
    int nwin = 0;
    FILE *rf = fopen(ranges_path, "r");
    if (!rf) die("ranges");
    long start, len;
    while (fscanf(rf, "%ld %ld", &start, &len) == 2 && nwin < (1 << 16)) {
        long first = start / PAGE, end = (start + len + PAGE - 1) / PAGE;
        if (end > (long)(size / PAGE)) end = size / PAGE;
        for (long p = first; p < end && nwin < (1 << 16); p += WINDOW) {
            win_first[nwin] = p;
            win_n[nwin++] = end - p < WINDOW ? end - p : WINDOW;
        }
    }
    fclose(rf);
    void *addrs[WINDOW];
    int status[WINDOW];
    volatile long sink = 0;
    for (long w = 0; !atomic_load_explicit(&stop_flag, memory_order_relaxed); w++) {
        if (w == nwin) {
            w = 0;
            usleep(SWEEP_PAUSE_MS * 1000);
        }
        for (int k = 0; k < win_n[w]; k++) {
            sink += view[(win_first[w] + k) * PAGE];
            addrs[k] = view + (win_first[w] + k) * PAGE;
        }
        if (syscall(SYS_move_pages, 0, win_n[w], addrs, NULL, status, 0) < 0) die("move_pages");
        mover_windows++;
    }
    munmap(view, size);
    close(fd);
    return NULL;
}

int main(int argc, char **argv) {
    if (argc < 5) { fprintf(stderr, "usage: %s DIR DEVICE RANGES SECONDS\n", argv[0]); return 2; }
    root = argv[1];
    device = argv[2];
    ranges_path = argv[3];
    double secs = atof(argv[4]);
    static struct stressor st[STRESSORS];
    pthread_t t[STRESSORS + 3];
    double t0 = now_s(), c0 = cpu_s();
    pthread_create(&t[0], NULL, timer_thread, &secs);
    pthread_create(&t[1], NULL, compactor, NULL);
    pthread_create(&t[2], NULL, mover, NULL);
    for (int i = 0; i < STRESSORS; i++) {
        st[i].index = i;
        st[i].rng = 1000 + i;
        pthread_create(&t[3 + i], NULL, stressor, &st[i]);
    }
    for (int i = 0; i < STRESSORS + 3; i++) pthread_join(t[i], NULL);
    printf("attempts=%ld seconds=%.3f cpu=%.3f mover=%ld\n", (long)ops, now_s() - t0, cpu_s() - c0, mover_windows);
    return 0;
}
