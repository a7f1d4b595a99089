// Drives Mentorhub's tRPC endpoint with the real @trpc/client, once with
// httpLink and once with httpBatchLink. Prints a JSON summary; exits 1 on
// the first broken expectation. Inputs come from the environment:
// MH_BASE (server URL), MH_MENTEE_TOKEN, MH_MENTOR_TOKEN, MH_DATES (JSON array).
import { createTRPCClient, httpBatchLink, httpLink, TRPCClientError } from "@trpc/client";

const base = process.env.MH_BASE;
const dates = JSON.parse(process.env.MH_DATES);

function client(link, token) {
  return createTRPCClient({
    links: [link({ url: `${base}/trpc`, headers: () => (token ? { authorization: `Bearer ${token}` } : {}) })],
  });
}

function check(condition, message) {
  if (!condition) {
    console.error(`FAILED: ${message}`);
    process.exit(1);
  }
}

async function expectError(promise, code) {
  try {
    await promise;
  } catch (err) {
    check(err instanceof TRPCClientError, `expected a TRPCClientError, got ${err}`);
    check(err.data?.code === code, `expected ${code}, got ${err.data?.code}`);
    return err;
  }
  check(false, `expected ${code}, but the call succeeded`);
}

const mentee = client(httpLink, process.env.MH_MENTEE_TOKEN).miniMentorship;
const mentor = client(httpBatchLink, process.env.MH_MENTOR_TOKEN).miniMentorship;
const anonymous = client(httpLink, null).miniMentorship;

const created = await mentee.createRequest.mutate({
  title: "Résumé review before applying",
  sessionType: "resume_review",
  description: "Please look at my résumé for a backend engineering role.",
  duration: 30,
  urgency: "medium",
  preferredDates: dates,
});
check(created.status === "open", `created status ${created.status}`);
const mine = await mentee.getMyRequests.query();
check(mine.some((r) => r.id === created.id), "getMyRequests lists the new request");
const byId = await mentee.getRequestById.query({ id: created.id });
check(byId.title === "Résumé review before applying", "getRequestById returns the request");

// Two queries in one batched HTTP request.
const [open, claimedBefore] = await Promise.all([mentor.getOpenRequests.query({ sessionType: "resume_review" }), mentor.getClaimedRequests.query()]);
check(open.some((r) => r.id === created.id), "the mentor sees the open request");
check(claimedBefore.length === 0, "nothing claimed yet");

const claimed = await mentor.claimRequest.mutate({ id: created.id });
check(claimed.status === "claimed", `claimed status ${claimed.status}`);
await expectError(mentor.claimRequest.mutate({ id: created.id }), "CONFLICT");
const session = await mentor.scheduleSession.mutate({ requestId: created.id, scheduledAt: dates[0] });
check(session.meetingUrl.startsWith("http"), "a meeting link was generated");
const sessions = await mentor.getMySessions.query();
check(sessions.some((s) => s.id === session.id), "getMySessions lists the session");
const seen = await mentee.getRequestById.query({ id: created.id });
check(seen.status === "scheduled" && seen.session?.meetingUrl === session.meetingUrl, "the mentee sees it scheduled");

await expectError(mentee.claimRequest.mutate({ id: created.id }), "FORBIDDEN");
await expectError(anonymous.getMyRequests.query(), "UNAUTHORIZED");
const invalid = await expectError(mentee.createRequest.mutate({ title: "Hi" }), "BAD_REQUEST");
check(invalid.data.httpStatus === 400, "bad input is HTTP 400");

console.log(JSON.stringify({ ok: true, requestId: created.id, sessionId: session.id }));
