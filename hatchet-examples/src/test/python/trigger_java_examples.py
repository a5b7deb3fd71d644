"""Cross-SDK check, Python side: run examples served by the Java example worker, by name only.

Configured like any Hatchet client from HATCHET_CLIENT_* (the namespace must be the Java worker's).
Prints the outputs as one JSON line on stdout and exits 0 when they are what the examples promise.
"""

import json
import sys

from pydantic import BaseModel

from hatchet_sdk import Hatchet


class SimpleResult(BaseModel):
    result: str


def fail(message: str) -> None:
    print(f"trigger_java_examples: {message}", file=sys.stderr)
    sys.exit(1)


def main() -> None:
    hatchet = Hatchet()

    # the standalone task `simple`: only its name and JSON shapes are known here
    simple = hatchet.stubs.task(name="simple", output_validator=SimpleResult)
    simple_out = simple.run()
    if simple_out.result != "Hello, world!":
        fail(f"simple returned {simple_out!r}")

    # the workflow `DAGWorkflow`: its result maps task names to outputs
    dag = hatchet.stubs.workflow(name="DAGWorkflow")
    dag_out = dag.run()
    one = dag_out["step1"]["random_number"]
    two = dag_out["step2"]["random_number"]
    if dag_out["step3"] != {"sum": one + two}:
        fail(f"step3 of DAGWorkflow is {dag_out['step3']!r}, expected the sum of {one} and {two}")
    if dag_out["step4"] != {"step4": "step4"}:
        fail(f"step4 of DAGWorkflow is {dag_out['step4']!r}")

    print(json.dumps({"simple": simple_out.model_dump(), "dag": dag_out}))


if __name__ == "__main__":
    main()
