"""Runs the shared test vectors (../webhook-vectors/vectors.json) through this sample's `verify`: each must be accepted
or refused as the file says, at the vector's own "now". Exit code 1 on any disagreement."""

import json
import pathlib
import sys

from receiver import verify

path = pathlib.Path(sys.argv[1]) if len(sys.argv) > 1 else pathlib.Path(__file__).parent.parent / "webhook-vectors" / "vectors.json"
vectors = json.loads(path.read_text(encoding="utf-8"))["vectors"]
wrong = 0
for vector in vectors:
    accepted = verify(vector["verifyWith"], vector["webhookId"], vector["timestamp"], vector["signature"], vector["body"].encode("utf-8"), now=vector["now"])
    if accepted != vector["valid"]:
        wrong += 1
        print(f"{vector['name']}: {'accepted' if accepted else 'refused'}, expected {'accepted' if vector['valid'] else 'refused'}", file=sys.stderr)
print(f"{len(vectors)} vectors, {len(vectors) - wrong} as expected, {wrong} not")
sys.exit(0 if wrong == 0 else 1)
