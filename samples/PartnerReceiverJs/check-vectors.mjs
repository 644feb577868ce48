// Runs the shared test vectors (../webhook-vectors/vectors.json) through this sample's `verify`: each must be accepted
// or refused as the file says, at the vector's own "now". Exit code 1 on any disagreement.
import { readFileSync } from "node:fs";
import { verify } from "./receiver.mjs";

const file = process.argv[2] ?? new URL("../webhook-vectors/vectors.json", import.meta.url);
const { vectors } = JSON.parse(readFileSync(file, "utf8"));
const realNow = Date.now;
let wrong = 0;
for (const vector of vectors) {
  Date.now = () => vector.now * 1000; // the library reads the clock for its tolerance
  const headers = { "webhook-id": vector.webhookId, "webhook-timestamp": vector.timestamp, "webhook-signature": vector.signature };
  const accepted = verify(vector.verifyWith, headers, Buffer.from(vector.body, "utf8"));
  if (accepted !== vector.valid) {
    wrong++;
    console.error(`${vector.name}: ${accepted ? "accepted" : "refused"}, expected ${vector.valid ? "accepted" : "refused"}`);
  }
}
Date.now = realNow;
console.log(`${vectors.length} vectors, ${vectors.length - wrong} as expected, ${wrong} not`);
process.exit(wrong === 0 ? 0 : 1);
