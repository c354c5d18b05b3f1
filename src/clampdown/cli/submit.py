"""The file to hand `spark-submit`: `clampdown spark` under a cluster's own launcher.

spark-submit wants a Python file, not a console script. This one runs the `spark` command
with the arguments after it, and spark-submit's --master and --conf apply:

    spark-submit --master yarn ... "$(python -c 'import clampdown.cli.submit as m;
        print(m.__file__)')" s3a://bucket/crawl/ --output s3a://bucket/out/
"""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> None:
    from clampdown.cli import app

    app(["spark", *(sys.argv[1:] if argv is None else argv)], prog_name="clampdown")


if __name__ == "__main__":
    main()
