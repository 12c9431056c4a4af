// gpio-bounce PULL_FILE CLOSURES: contact bounce on a gpio-sim input line, as fast as the kernel takes it.
// Writes "pull-down" (contact closed) and "pull-up" (open) alternately to the line's sysfs pull attribute,
// CLOSURES times closed (1..50), ending closed, and prints the burst's length in microseconds.
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static long long now_ns(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (long long)t.tv_sec * 1000000000LL + t.tv_nsec;
}

int main(int argc, char **argv)
{
	if (argc != 3) {
		fprintf(stderr, "usage: gpio-bounce PULL_FILE CLOSURES\n");
		return 2;
	}
	int closures = atoi(argv[2]);
	if (closures < 1 || closures > 50) {
		fprintf(stderr, "gpio-bounce: CLOSURES must be 1..50\n");
		return 2;
	}
	int fd = open(argv[1], O_WRONLY);
	if (fd < 0) {
		perror(argv[1]);
		return 1;
	}
	static const char down[] = "pull-down", up[] = "pull-up";
	long long start = now_ns();
	for (int i = 0; i < closures; i++) {
		if (i > 0 && pwrite(fd, up, strlen(up), 0) < 0) {
			perror("pull-up");
			return 1;
		}
		if (pwrite(fd, down, strlen(down), 0) < 0) {
			perror("pull-down");
			return 1;
		}
	}
	printf("%lld\n", (now_ns() - start) / 1000);
	close(fd);
	return 0;
}
