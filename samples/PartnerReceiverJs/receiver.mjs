// A partner's receiver for the Submissions API's webhooks, in Node.js with no framework: copy it and put your own
// storage behind `seen` and `handle`. It verifies every request with the standardwebhooks package (HMAC-SHA256 over
// "{webhook-id}.{webhook-timestamp}.{body}", any of the space-separated "v1," signatures, five minutes' tolerance),
// acknowledges a webhook-id it has already processed (the sender retries with the same id for about a day), and only
// then looks at the body's type.
import { createServer } from "node:http";
import { pathToFileURL } from "node:url";
import { Webhook, WebhookVerificationError } from "standardwebhooks";

const maxBodyBytes = 64 * 1024;
const keepIdsMilliseconds = 8 * 24 * 60 * 60 * 1000; // longer than the sender retries one id

/** Whether the body (a Buffer, or the exact text received) was signed with this secret for these headers. */
export function verify(secret, headers, body) {
  try {
    // Verified before anything parses it; the library parses nothing when told not to.
    new Webhook(secret).verify(body, headers, { jsonParse: false });
    return true;
  } catch (error) {
    if (error instanceof WebhookVerificationError) {
      return false;
    }
    throw error;
  }
}

/**
 * The receiver's request handler. `seen` remembers processed webhook-ids (keep them at least a week, where you keep
 * the leads); `handle` gets each verified event once.
 */
export function createHandler(secret, { seen = new Map(), handle = () => {} } = {}) {
  const inFlight = new Set();
  return async (request, response) => {
    try {
      await receive(request, response);
    } catch {
      // A client gone mid-body, or `handle` failing (your storage down): a 5xx, so the sender retries later.
      if (!response.headersSent && !response.destroyed) {
        answer(response, 500);
      }
    }
  };

  async function receive(request, response) {
    if (request.method !== "POST") {
      return answer(response, 405);
    }

    const body = await readBody(request);
    if (body === null) {
      return answer(response, 413);
    }

    if (!verify(secret, request.headers, body)) {
      return answer(response, 401);
    }

    let event;
    try {
      event = JSON.parse(body.toString("utf8"));
    } catch {
      return answer(response, 400);
    }

    const id = request.headers["webhook-id"];
    forgetOld(seen);
    if (seen.has(id)) {
      return answer(response, 200); // a replay: acknowledged, not processed again
    }
    if (inFlight.has(id)) {
      return answer(response, 503); // the same id being processed right now: a 5xx, so the sender retries it later
    }

    inFlight.add(id);
    try {
      switch (event?.type) {
        case "lead.created":         // a lead: data.email, data.name, … and the consents it rests on
        case "consent.withdrawn":    // stop using what deliveryIds brought you for the withdrawn consents
        case "subject.erased":       // delete what deliveryIds brought you
          await handle(event);
          break;
        default:                     // webhook.test and types added later: acknowledged
          break;
      }
      seen.set(id, Date.now());
    } finally {
      inFlight.delete(id);
    }
    return answer(response, 204);
  }
}

function forgetOld(seen) {
  const cutoff = Date.now() - keepIdsMilliseconds;
  for (const [id, at] of seen) {
    if (at >= cutoff) {
      break; // insertion order: the rest are newer
    }
    seen.delete(id);
  }
}

function answer(response, status) {
  response.writeHead(status).end();
}

async function readBody(request) {
  const chunks = [];
  let size = 0;
  for await (const chunk of request) {
    size += chunk.length;
    if (size > maxBodyBytes) {
      return null;
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

// `RECEIVER_SIGNING_SECRET=whsec_… node receiver.mjs` listens on 127.0.0.1:5090 (PORT to change it).
if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const secret = process.env.RECEIVER_SIGNING_SECRET;
  if (!secret) {
    console.error("Set RECEIVER_SIGNING_SECRET to the whsec_ secret agreed with the sender.");
    process.exit(1);
  }
  const port = Number(process.env.PORT ?? 5090);
  createServer(createHandler(secret, { handle: (event) => console.log(`received ${event.type}`) }))
    .listen(port, "127.0.0.1", () => console.log(`listening on http://127.0.0.1:${port}/`));
}
