/*
 * C baselines of `krepro bench syscalls` for the plain system-call rows. Compiled by the benchmark with
 * gcc -O2 at run time; each mode runs its loop for the given number of milliseconds and prints
 *   ops <operations> ns <elapsed nanoseconds> cpu <CPU nanoseconds of this thread>
 * Modes:
 *   getppid <ms>
 *   getppid-frame <ms>             getppid through one more function, as a Java downcall stub adds
 *                                  one: on CPUs whose kernel entry leaves user space's return-stack
 *                                  predictions behind (AMD with SRSO's safe RET), each frame a return
 *                                  crosses a system call in costs a mispredicted return
 *   mmap <ms>                      anonymous 4 KiB mmap, one store, munmap
 *   pwrite <ms> <file> <span>      4 KiB O_DIRECT pwrite at QD1, sequential over <span> bytes
 *   serve <mode> [args]            stays up: for every line <ms> read from standard input runs <mode>
 *                                  for <ms> and prints its result line; ends at end of input. The
 *                                  bench alternates with it in short slices: one process, warm, and
 *                                  no fork or exec between two measured slices.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

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

/* Runs <mode> for <ms> and prints its result line; returns 0, 1 on a failed call, 2 on bad arguments. */
/* Not inlined: the extra frame is the point. */
__attribute__((noinline)) static int getppid_in_a_frame(void)
{
	int pid = getppid();
	__asm__ volatile("" ::: "memory"); /* keeps the call from becoming a tail jump */
	return pid;
}

static int run(const char *mode, long long ms, int argc, char **args)
{
	long long cpu_start = cpu_ns(), start = now_ns(), deadline = start + ms * 1000000LL, ops = 0;

	if (strcmp(mode, "getppid") == 0) {
		volatile int sink = 0;
		while (now_ns() < deadline) {
			for (int i = 0; i < 1024; i++)
				sink += getppid();
			ops += 1024;
		}
	} else if (strcmp(mode, "getppid-frame") == 0) {
		volatile int sink = 0;
		while (now_ns() < deadline) {
			for (int i = 0; i < 1024; i++)
				sink += getppid_in_a_frame();
			ops += 1024;
		}
	} else if (strcmp(mode, "mmap") == 0) {
		while (now_ns() < deadline) {
			for (int i = 0; i < 64; i++) {
				char *p = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
				if (p == MAP_FAILED) {
					perror("mmap");
					return 1;
				}
				p[0] = 1;
				if (munmap(p, 4096)) {
					perror("munmap");
					return 1;
				}
			}
			ops += 64;
		}
	} else if (strcmp(mode, "pwrite") == 0 && argc == 2) {
		long long span = atoll(args[1]);
		int fd = open(args[0], O_WRONLY | O_DIRECT);
		void *buf;
		if (fd < 0 || posix_memalign(&buf, 4096, 4096)) {
			perror(args[0]);
			return 1;
		}
		memset(buf, 0x5a, 4096);
		long long off = 0;
		while (now_ns() < deadline) {
			for (int i = 0; i < 16; i++) {
				if (pwrite(fd, buf, 4096, off) != 4096) {
					perror("pwrite");
					return 1;
				}
				off += 4096;
				if (off >= span)
					off = 0;
			}
			ops += 16;
		}
		close(fd);
		free(buf);
	} else {
		fprintf(stderr, "unknown mode %s\n", mode);
		return 2;
	}
	printf("ops %lld ns %lld cpu %lld\n", ops, now_ns() - start, cpu_ns() - cpu_start);
	fflush(stdout);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc >= 3 && strcmp(argv[1], "serve") == 0) {
		char line[64];
		while (fgets(line, sizeof(line), stdin)) {
			int ret = run(argv[2], atoll(line), argc - 3, argv + 3);
			if (ret)
				return ret;
		}
		return 0;
	}
	if (argc < 3) {
		fprintf(stderr, "usage: %s getppid|mmap|pwrite <ms> [file span] | serve <mode> [file span]\n", argv[0]);
		return 2;
	}
	return run(argv[1], atoll(argv[2]), argc - 3, argv + 3);
}
