"""A scripted $EDITOR: each time it is run it writes the next of the texts in $FAKE_EDITS to the file.

$FAKE_EDITS is a folder of 1.yaml, 2.yaml, ...; a `count` file there says how often it has run.
It records what it was given too: `seen-N.yaml` the file's text, `argv-N` the path it was handed,
`sigint-N` how it would take Ctrl+C. With $FAKE_EDITOR_CTRL_C set it first sends Ctrl+C's
signal to the process that started it, as a terminal does to everything in the foreground.
"""

import os
import signal
import sys
from pathlib import Path

edits = Path(os.environ["FAKE_EDITS"])
counter = edits / "count"
run = int(counter.read_text()) + 1 if counter.exists() else 1
counter.write_text(str(run))
(edits / f"argv-{run}").write_text(sys.argv[1])
(edits / f"sigint-{run}").write_text("ignored" if signal.getsignal(signal.SIGINT) is signal.SIG_IGN else "default")
if os.environ.get("FAKE_EDITOR_CTRL_C"):
    os.kill(os.getppid(), signal.SIGINT)
(edits / f"seen-{run}.yaml").write_text(Path(sys.argv[1]).read_text())  # what the editor was shown
Path(sys.argv[1]).write_text((edits / f"{run}.yaml").read_text())
