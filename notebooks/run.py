"""Run notebooks headlessly on Deno's Jupyter kernel and keep every output.

    python3 notebooks/run.py [--output-dir DIR] [--timeout SECONDS] NOTEBOOK...

Needs only `jupyter_client` and `nbformat` (Debian: jupyter-client, python3-nbformat). Writes each
executed notebook to DIR (default: in place). Exits 1 with the cell's error when a cell fails.

Why not `jupyter nbconvert --execute`: Deno's kernel (2.9) can report a cell finished ("idle")
before that cell's last printed lines and its result have arrived, and nbconvert drops whatever
comes after "idle". On a busy machine a cell lost 11 of its 14 printed lines that way. Here each
output goes to the cell that asked for it (the kernel tags every message with its request), and
the run waits until the kernel has been quiet before the next cell and before writing.
"""

import argparse
import os
import queue
import sys
import time

import nbformat
from jupyter_client.manager import start_new_kernel
from nbformat.v4 import output_from_msg

# After a cell's reply: how long the kernel must send nothing before the next cell starts.
SETTLE = 0.5
# After the last cell: how long it must send nothing before the notebook is written.
FINAL_SETTLE = 2.0
OUTPUT_TYPES = {"stream", "display_data", "execute_result", "error"}


def drain(client, sink, quiet):
    """Hand every IOPub message to `sink` until none has come for `quiet` seconds."""
    last = time.monotonic()
    while time.monotonic() - last < quiet:
        try:
            msg = client.get_iopub_msg(timeout=0.05)
        except queue.Empty:
            continue
        sink(msg)
        last = time.monotonic()


def add_output(cell, msg):
    out = output_from_msg(msg)
    outputs = cell.outputs
    # Printed lines arrive one message each: one stream output per name, as nbconvert writes it.
    if (
        out.output_type == "stream"
        and outputs
        and outputs[-1].output_type == "stream"
        and outputs[-1].name == out.name
    ):
        outputs[-1].text += out.text
    else:
        outputs.append(out)


def run(path, output_dir, timeout):
    nb = nbformat.read(path, as_version=4)
    cwd = os.path.dirname(os.path.abspath(path))
    kernel_name = nb.metadata.get("kernelspec", {}).get("name", "deno")
    manager, client = start_new_kernel(kernel_name=kernel_name, cwd=cwd)
    cells = {}  # request id -> cell

    def sink(msg):
        cell = cells.get(msg["parent_header"].get("msg_id"))
        if cell is not None and msg["msg_type"] in OUTPUT_TYPES:
            add_output(cell, msg)

    failed = None
    try:
        for cell in nb.cells:
            if cell.cell_type != "code":
                continue
            cell.outputs = []
            msg_id = client.execute(cell.source, store_history=True, allow_stdin=False)
            cells[msg_id] = cell
            deadline = time.monotonic() + timeout
            while True:
                drain(client, sink, 0)
                try:
                    reply = client.get_shell_msg(timeout=0.05)
                except queue.Empty:
                    if time.monotonic() > deadline:
                        failed = f"a cell ran longer than {timeout} s:\n{cell.source}"
                        break
                    continue
                if reply["parent_header"].get("msg_id") == msg_id:
                    break
            if failed:
                break
            content = reply["content"]
            cell.execution_count = content.get("execution_count")
            drain(client, sink, SETTLE)
            if content.get("status") != "ok":
                failed = f"{content.get('ename', 'Error')}: {content.get('evalue', '')}\n{cell.source}"
                break
        drain(client, sink, FINAL_SETTLE)
    finally:
        client.stop_channels()
        manager.shutdown_kernel(now=True)

    target = os.path.join(output_dir, os.path.basename(path)) if output_dir else path
    if output_dir:
        os.makedirs(output_dir, exist_ok=True)
    nbformat.write(nb, target)
    return failed


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("notebooks", nargs="+")
    parser.add_argument("--output-dir", help="write the executed notebooks here (default: in place)")
    parser.add_argument("--timeout", type=float, default=120, help="seconds a cell may run")
    args = parser.parse_args()
    for path in args.notebooks:
        failed = run(path, args.output_dir, args.timeout)
        if failed:
            print(f"{path}: {failed}", file=sys.stderr)
            sys.exit(1)
        print(f"{path}: ran every cell", file=sys.stderr)


if __name__ == "__main__":
    main()
