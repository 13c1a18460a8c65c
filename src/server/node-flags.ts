// Flags `npm start` gives Node for the server process (package.json repeats them; a unit test
// keeps the two equal). A larger young generation: every reply allocates short-lived request,
// row and view objects, and with V8's default semi-space they were scavenged — and many copied
// once more — several times a second under load. 64 MB costs about as much memory once and
// takes about a sixth off the CPU time per reply.
export const SERVER_NODE_FLAGS = ["--max-semi-space-size=64"] as const;
