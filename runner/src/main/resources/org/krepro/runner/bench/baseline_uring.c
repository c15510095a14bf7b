/*
 * liburing baselines of `krepro bench syscalls`. Compiled by the benchmark with gcc -O2 ... -luring;
 * each mode runs for the given milliseconds and prints
 *   ops <operations> ns <elapsed nanoseconds> cpu <CPU nanoseconds of this thread>
 * Modes:
 *   nop <ms> <batch>               <batch> NOPs per io_uring_submit_and_wait(<batch>)
 *   randread <ms> <file> <size> <seed> [<setup flags>]
 *                                  4 KiB O_DIRECT random reads over <size> bytes, 32 in flight; a new
 *                                  <seed> for every run, so that no run re-reads blocks a previous run
 *                                  left in a cache below the loop device; the ring is set up with
 *                                  <setup flags> (IORING_SETUP_*, default 0), as the Java side's is
 *   serve nop <batch>              stays up with one ring: for every line <ms> read from standard input
 *                                  runs the NOP loop for <ms> and prints its result line; ends at end
 *                                  of input (the bench alternates with it in short slices)
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <liburing.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define QD 32

static long long now_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static long long cpu_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

/* The same xorshift64 generator as the Java side, so both read the same kind of offsets. */
static uint64_t next_random(uint64_t *s)
{
	uint64_t x = *s;
	x ^= x << 13;
	x ^= x >> 7;
	x ^= x << 17;
	return *s = x;
}

/* <batch> NOPs per io_uring_submit_and_wait(<batch>) for <ms>; prints the result line. */
static int run_nop(struct io_uring *ring, long long ms, int batch)
{
	struct io_uring_cqe *cqe;
	long long cpu_start = cpu_ns(), start = now_ns(), deadline = start + ms * 1000000LL, ops = 0;
	while (now_ns() < deadline) {
		for (int round = 0; round < 16; round++) {
			for (int i = 0; i < batch; i++)
				io_uring_prep_nop(io_uring_get_sqe(ring));
			int ret = io_uring_submit_and_wait(ring, batch);
			if (ret < 0) {
				fprintf(stderr, "submit: %s\n", strerror(-ret));
				return 1;
			}
			unsigned head, seen = 0;
			/* Every result is checked, as the Java side does. */
			io_uring_for_each_cqe(ring, head, cqe) {
				if (cqe->res < 0) {
					fprintf(stderr, "nop: %s\n", strerror(-cqe->res));
					return 1;
				}
				seen++;
			}
			io_uring_cq_advance(ring, seen);
			ops += seen;
		}
	}
	printf("ops %lld ns %lld cpu %lld\n", ops, now_ns() - start, cpu_ns() - cpu_start);
	fflush(stdout);
	return 0;
}

/* 4 KiB O_DIRECT random reads, QD32, for <ms>; prints the result line. */
static int run_randread(struct io_uring *ring, long long ms, const char *file, uint64_t size, uint64_t seed)
{
	struct io_uring_cqe *cqe;
	long long cpu_start = cpu_ns(), start = now_ns(), deadline = start + ms * 1000000LL, ops = 0;
	uint64_t blocks = size / 4096;
	seed |= 1;
	int fd = open(file, O_RDONLY | O_DIRECT);
	char *bufs;
	if (fd < 0 || posix_memalign((void **)&bufs, 4096, QD * 4096)) {
		perror(file);
		return 1;
	}
	for (int i = 0; i < QD; i++) {
		struct io_uring_sqe *sqe = io_uring_get_sqe(ring);
		io_uring_prep_read(sqe, fd, bufs + i * 4096, 4096, (next_random(&seed) % blocks) * 4096);
		sqe->user_data = i;
	}
	int inflight = QD;
	long long now = now_ns();
	while (inflight > 0) {
		/* One io_uring_enter per round: submit the refills and wait for at least one completion. */
		int ret = io_uring_submit_and_wait(ring, 1);
		if (ret < 0) {
			fprintf(stderr, "submit_and_wait: %s\n", strerror(-ret));
			return 1;
		}
		unsigned head, seen = 0;
		io_uring_for_each_cqe(ring, head, cqe) {
			if (cqe->res != 4096) {
				fprintf(stderr, "read: %d\n", cqe->res);
				return 1;
			}
			seen++;
			inflight--;
			if (now < deadline) {
				int slot = (int)cqe->user_data;
				struct io_uring_sqe *sqe = io_uring_get_sqe(ring);
				io_uring_prep_read(sqe, fd, bufs + slot * 4096, 4096, (next_random(&seed) % blocks) * 4096);
				sqe->user_data = slot;
				inflight++;
			}
		}
		io_uring_cq_advance(ring, seen);
		ops += seen;
		now = now_ns();
	}
	close(fd);
	free(bufs);
	printf("ops %lld ns %lld cpu %lld\n", ops, now_ns() - start, cpu_ns() - cpu_start);
	fflush(stdout);
	return 0;
}

int main(int argc, char **argv)
{
	struct io_uring ring;
	int serve = argc == 4 && strcmp(argv[1], "serve") == 0 && strcmp(argv[2], "nop") == 0;
	int nop = argc == 4 && strcmp(argv[1], "nop") == 0;
	int randread = (argc == 6 || argc == 7) && strcmp(argv[1], "randread") == 0;
	if (!serve && !nop && !randread) {
		fprintf(stderr, "usage: %s nop <ms> <batch> | randread <ms> <file> <size> <seed> [<flags>] | serve nop <batch>\n",
			argv[0]);
		return 2;
	}
	struct io_uring_params params;
	memset(&params, 0, sizeof(params));
	if (randread && argc == 7)
		params.flags = (unsigned)strtoul(argv[6], NULL, 0);
	int ret = io_uring_queue_init_params(64, &ring, &params);
	if (ret < 0) {
		fprintf(stderr, "io_uring_queue_init: %s\n", strerror(-ret));
		return 1;
	}
	if (serve) {
		char line[64];
		while (ret == 0 && fgets(line, sizeof(line), stdin))
			ret = run_nop(&ring, atoll(line), atoi(argv[3]));
	} else if (nop) {
		ret = run_nop(&ring, atoll(argv[2]), atoi(argv[3]));
	} else {
		ret = run_randread(&ring, atoll(argv[2]), argv[3], strtoull(argv[4], NULL, 10), strtoull(argv[5], NULL, 10));
	}
	io_uring_queue_exit(&ring);
	return ret;
}
