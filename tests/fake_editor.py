"""A scripted $EDITOR: each time it is run it writes the next of the texts in $FAKE_EDITS to the file.

$FAKE_EDITS is a folder of 1.yaml, 2.yaml, ...; a `count` file there says how often it has run.
"""

import sys
from pathlib import Path

edits = Path(__import__("os").environ["FAKE_EDITS"])
counter = edits / "count"
run = int(counter.read_text()) + 1 if counter.exists() else 1
counter.write_text(str(run))
(edits / f"seen-{run}.yaml").write_text(Path(sys.argv[1]).read_text())  # what the editor was shown
Path(sys.argv[1]).write_text((edits / f"{run}.yaml").read_text())
