"""What carrying a break to the desktop costs: one `Reach.check` (an idle reading, the do-not-disturb
reading and the verdict) beside a bare D-Bus round trip, and the imports a notifying reminder adds.

    .venv/bin/python benchmarks/reach.py [--runs 201]

Runs a private dbus-daemon with the tests' notification service (Inhibited property) and Mutter
idle monitor on it. A waiting reminder checks once a minute (every 5 s while the desk is empty),
so the per-check figures, times 60 an hour, are its whole desktop cost.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from limber.remind.bus import Bus
from limber.remind.dnd import InhibitedProperty
from limber.remind.gate import Gate
from limber.remind.idle import MutterIdle
from limber.remind.reach import Reach
from tests.fake_notification_server import (
    MUTTER,
    MUTTER_PATH,
    NOTIFICATIONS,
    NOTIFICATIONS_PATH,
    MutterIdleMonitor,
    NotificationServer,
    PrivateBus,
    serve,
)


async def timed(runs: int, step) -> tuple[float, float]:
    """Median wall time and CPU time (this process: client side only) of one `await step()`, in ms."""
    walls, cpus = [], []
    for _ in range(runs):
        wall, cpu = time.perf_counter(), time.process_time()
        await step()
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return statistics.median(walls) * 1000, statistics.median(cpus) * 1000


async def on_the_bus(address: str, runs: int) -> None:
    served = [await serve(address, NOTIFICATIONS, NOTIFICATIONS_PATH, NotificationServer()),
              await serve(address, MUTTER, MUTTER_PATH, MutterIdleMonitor())]
    bus = Bus()

    async def ping():
        await bus.call("org.freedesktop.DBus", "/org/freedesktop/DBus", "org.freedesktop.DBus", "GetId")

    gate = Gate(300, 7200, idle_source=MutterIdle(), dnd_sources=[InhibitedProperty()])
    reach = Reach(gate, None, on_start=list, on_snooze=list, on_skip=list)

    async def check():
        await reach.check(None)

    await ping()
    await check()  # connections made before timing
    ping_wall, ping_cpu = await timed(runs, ping)
    check_wall, check_cpu = await timed(runs, check)
    print(f"one D-Bus round trip (GetId)          {ping_wall:6.3f} ms wall  {ping_cpu:6.3f} ms CPU")
    print(f"one Reach.check (idle + DND, verdict) {check_wall:6.3f} ms wall  {check_cpu:6.3f} ms CPU")
    print(f"  a waiting reminder, 60 checks an hour: {check_cpu * 60:.1f} ms CPU an hour")
    bus.close()
    for services in served:
        await services.close()


def import_time(code: str, runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True)
        times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=201)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        bus = PrivateBus(Path(folder))
        os.environ["DBUS_SESSION_BUS_ADDRESS"] = bus.address
        try:
            asyncio.run(on_the_bus(bus.address, args.runs))
        finally:
            bus.close()
    rounds = max(5, args.runs // 20)
    bare = import_time("pass", rounds)
    modules = import_time("import limber.remind.reach", rounds)
    library = import_time("import limber.remind.reach, desktop_notifier, dbus_fast.aio", rounds)
    service = import_time("import limber.remind.service", rounds)
    print(f"python -c pass                         {bare:6.1f} ms (median of {rounds} processes)")
    print(f"import limber.remind.reach             {modules:6.1f} ms")
    print(f"  with desktop_notifier and dbus_fast  {library:6.1f} ms (loaded at the first offer or reading)")
    print(f"import limber.remind.service           {service:6.1f} ms (what --install/--doctor add to the parser)")


if __name__ == "__main__":
    main()
