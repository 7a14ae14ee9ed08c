/**
 * Server settings for a load test. Every match of the load comes from one address (loopback) and
 * each of its seats chats about once every two seconds for minutes on end: the per-source create and
 * join limits and the per-seat chat rate (issue 19, meant for people) would rightly stop it, so the
 * load lifts them. Everything else stays as `npm start` has it.
 */
export const liftedLimits: Record<string, string> = {
  CREATES_PER_MINUTE: "100000",
  JOINS_PER_SECOND: "100000",
  JOIN_BURST: "100000",
  CHAT_PER_MINUTE: "100000",
  CHAT_BURST: "1000",
};
