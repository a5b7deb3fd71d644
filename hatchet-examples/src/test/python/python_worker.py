"""Cross-SDK check, Python side: a worker serving two workflows that the Java client runs by name.

Configured from HATCHET_CLIENT_*; stops on SIGTERM.
"""

from pydantic import BaseModel

from hatchet_sdk import Context, Hatchet

hatchet = Hatchet()


class GreetingInput(BaseModel):
    name: str


class Greeting(BaseModel):
    greeting: str
    served_by: str


class Numbers(BaseModel):
    numbers: list[int]


@hatchet.task(name="python-greeting", input_validator=GreetingInput)
def python_greeting(input: GreetingInput, ctx: Context) -> Greeting:
    return Greeting(greeting=f"Hello, {input.name}!", served_by="python")


python_pipeline = hatchet.workflow(name="PythonPipeline", input_validator=Numbers)


@python_pipeline.task()
def total(input: Numbers, ctx: Context) -> dict[str, int]:
    return {"total": sum(input.numbers)}


@python_pipeline.task(parents=[total])
def doubled(input: Numbers, ctx: Context) -> dict[str, int]:
    return {"doubled": ctx.task_output(total)["total"] * 2}


def main() -> None:
    worker = hatchet.worker("python-cross-sdk-worker", slots=5, workflows=[python_greeting, python_pipeline])
    worker.start()


if __name__ == "__main__":
    main()
