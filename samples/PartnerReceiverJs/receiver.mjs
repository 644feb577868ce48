// A partner's receiver for the Submissions API's webhooks, in Node.js with no framework: copy it and put your own
// storage behind `remember` and `handle`. It verifies every request with the standardwebhooks package (HMAC-SHA256 over
// "{webhook-id}.{webhook-timestamp}.{body}", any of the space-separated "v1," signatures, five minutes' tolerance),
// acknowledges a webhook-id it has already processed (the sender retries with the same id for about a day), and only
// then looks at the body's type.
import { createServer } from "node:http";
import { pathToFileURL } from "node:url";
import { Webhook, WebhookVerificationError } from "standardwebhooks";

const maxBodyBytes = 64 * 1024;

/** Whether the body was signed, with this secret, for these headers: the parsed body, or null. */
export function verify(secret, headers, body) {
  try {
    // The body is verified as the exact bytes received, before anything parses it.
    return new Webhook(secret).verify(body, headers) ?? {};
  } catch (error) {
    if (error instanceof WebhookVerificationError) {
      return null;
    }
    throw error;
  }
}

/**
 * The receiver's request handler. `seen` remembers processed webhook-ids (keep them at least a week, where you keep
 * the leads); `handle` gets each verified event once.
 */
export function createHandler(secret, { seen = new Map(), handle = () => {} } = {}) {
  return async (request, response) => {
    if (request.method !== "POST") {
      return answer(response, 405);
    }

    const body = await readBody(request);
    if (body === null) {
      return answer(response, 413);
    }

    const event = verify(secret, request.headers, body);
    if (event === null) {
      return answer(response, 401);
    }

    const id = request.headers["webhook-id"];
    if (seen.has(id)) {
      return answer(response, 200); // a replay: acknowledged, not processed again
    }

    switch (event.type) {
      case "lead.created":         // a lead: data.email, data.name, … and the consents it rests on
      case "consent.withdrawn":    // stop using what deliveryIds brought you for the withdrawn consents
      case "subject.erased":       // delete what deliveryIds brought you
        await handle(event);
        break;
      default:                     // webhook.test and types added later: acknowledged
        break;
    }

    seen.set(id, Date.now());
    return answer(response, 204);
  };
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
  return Buffer.concat(chunks).toString("utf8");
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
