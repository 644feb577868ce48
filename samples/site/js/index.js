// The index page shows which API the pages talk to, so a tester sees at once whether the site points at the right one.
import { apiBase, byId } from "./site.js";

byId("api-base").textContent = apiBase;
