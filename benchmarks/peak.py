"""Peak resident memory of one command, measured from a small parent.

A child's ru_maxrss starts from the resident size of the process that forked it (the copied
address space counts until exec), so a benchmark that has generated data in-process reports
its own size for every child. This launcher, started with `python -I -S`, is a few MiB: it runs
the command and writes the child's ru_maxrss in KiB to the file named first.

    python -I -S benchmarks/peak.py OUT_FILE CMD [ARG…]
"""

import os
import sys


def main() -> int:
    out, argv = sys.argv[1], sys.argv[2:]
    pid = os.fork()
    if pid == 0:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 1)
        os.dup2(devnull, 2)
        os.execvp(argv[0], argv)
    _, status, usage = os.wait4(pid, 0)
    with open(out, "w") as fh:
        fh.write(str(usage.ru_maxrss))
    return os.waitstatus_to_exitcode(status)


if __name__ == "__main__":
    sys.exit(main())
