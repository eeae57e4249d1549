"""Benchmarks: run by `make bench`, never by `make test`. They print numbers, they assert none."""

import statistics
import time

import pytest


class Timer:
    def __init__(self, name):
        self.name = name
        self.samples_ms = []

    def measure(self, function, repeat):
        for _ in range(repeat):
            start = time.perf_counter()
            function()
            self.samples_ms.append((time.perf_counter() - start) * 1000)

    def report(self):
        samples = sorted(self.samples_ms)
        p95 = samples[max(0, int(len(samples) * 0.95) - 1)]
        return (
            f"{self.name}: n={len(samples)} p50={statistics.median(samples):.1f} ms "
            f"p95={p95:.1f} ms max={samples[-1]:.1f} ms"
        )


@pytest.fixture
def bench(capsys):
    timers = []

    def _bench(name, function, repeat=100):
        timer = Timer(name)
        function()  # warm caches, as a running site has them
        timer.measure(function, repeat)
        timers.append(timer)
        return timer

    yield _bench
    with capsys.disabled():
        print()
        for timer in timers:
            print("BENCH", timer.report())
