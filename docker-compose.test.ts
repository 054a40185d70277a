// docker-compose.yml publishes its services on the loopback interface only.
import { readFileSync } from "node:fs";
import { expect, it } from "vitest";

it("binds every published port to 127.0.0.1", () => {
  const compose = readFileSync("docker-compose.yml", "utf8");
  const published = [...compose.matchAll(/^\s+-\s+"([^"]+:\d+)"\s*$/gm)].map((match) => match[1]);
  expect(published).toEqual(["127.0.0.1:5432:5432", "127.0.0.1:8288:8288", "127.0.0.1:3000:3000"]);
});
