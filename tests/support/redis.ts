/**
 * A real redis-server on a free port in a temporary folder, for the cluster tests
 * (scripts/cluster/redis-server.ts). Without the package the tests say so and are skipped
 * locally; under CI=true they fail (`.ci/run` installs redis-server).
 */
export { redisAvailable, redisMissing, startRedis, type TestRedis } from "../../scripts/cluster/redis-server.js";
