"""The M/M/1 queue of `examples/bench_engine.rs` in SimPy, for a speed comparison.

One server (a `simpy.Resource` of capacity 1), Poisson arrivals at rate
LAMBDA, exponential service at rate MU (rates per second, time in seconds),
N customers served first come, first served. Prints the customers simulated
per second of wall time (the run alone: no interpreter start-up, no import)
and the mean time in system against the theory 1/(MU - LAMBDA). With REPS > 1
the run is repeated (same seed) and the best time is used, as the engine's
benchmark does.

    python bench/mm1_simpy.py N LAMBDA MU [REPS]

The last line is `customers_per_s VALUE`, which `scripts/bench-simpy` reads.
"""

import random
import sys
import time

import simpy


def customer(env, server, service, totals):
    arrived = env.now
    with server.request() as request:
        yield request
        yield env.timeout(service)
    totals[0] += env.now - arrived
    totals[1] += 1


def source(env, server, n, lam, mu, rng, totals):
    for _ in range(n):
        yield env.timeout(rng.expovariate(lam))
        env.process(customer(env, server, rng.expovariate(mu), totals))


def run(n, lam, mu, seed):
    """Simulates n customers; returns (wall seconds, mean time in system)."""
    rng = random.Random(seed)
    env = simpy.Environment()
    server = simpy.Resource(env, capacity=1)
    totals = [0.0, 0]  # sum of times in system, customers done
    start = time.perf_counter()
    env.process(source(env, server, n, lam, mu, rng, totals))
    env.run()
    wall = time.perf_counter() - start
    assert totals[1] == n, totals
    return wall, totals[0] / n


def main(argv):
    if len(argv) not in (4, 5):
        sys.exit(__doc__)
    n, lam, mu = int(argv[1]), float(argv[2]), float(argv[3])
    reps = int(argv[4]) if len(argv) == 5 else 1
    walls = []
    for _ in range(reps):
        wall, mean = run(n, lam, mu, seed=1)
        walls.append(wall)
    walls.sort()
    wall = walls[0]
    theory = 1.0 / (mu - lam) if mu > lam else float("inf")
    print(f"SimPy {simpy.__version__} on Python {sys.version.split()[0]}: "
          f"M/M/1, {n} customers, lambda = {lam}/s, mu = {mu}/s, best of {reps}")
    print(f"  run                  {wall * 1e3:.0f} ms (median {walls[len(walls) // 2] * 1e3:.0f})")
    print(f"  mean time in system  {mean:.4f} s (theory 1/(mu-lambda) = {theory:.4f} s)")
    print(f"customers_per_s {n / wall:.0f}")


if __name__ == "__main__":
    main(sys.argv)
