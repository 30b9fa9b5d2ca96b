from limber.cli import main

raise SystemExit(main())
