import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseScenario } from "../../shared/index.js";
import { MAX_SCENARIO_BYTES, problemLines, readScenarioFile, uploadFacts } from "../../client/src/view-models/scenario-upload.js";
import { classSettingsBody, defaultClassForm } from "../../client/src/view-models/class-form.js";

/** The class form's scenario file, read in the browser before anything is sent (client/src/view-models/scenario-upload.ts). */

const jobOffer = readFileSync(path.resolve("examples/scenarios/job-offer.json"), "utf8");

describe("reading an uploaded scenario file", () => {
  it("a good file: its public part, sides and issues by name", () => {
    const reading = readScenarioFile("job-offer.json", jobOffer, ["tariff-talks-2025"]);
    if (!reading.ok) throw new Error(JSON.stringify(reading.problems));
    expect(reading.upload.fileName).toBe("job-offer.json");
    expect(reading.upload.source).toEqual(JSON.parse(jobOffer));
    expect(reading.upload.scenario.id).toBe("job-offer");
    // The public part only: nobody's points travel into the form's state.
    expect(JSON.stringify(reading.upload.scenario)).not.toContain("evaluations");
    expect(uploadFacts(reading.upload.scenario)).toEqual({ sides: "Kestrel Robotics / Dana Ortiz", issues: "Salary, Remote days a week, Start date", issueCount: 3 });
  });

  it("a bad file: the same problems the server's parser gives, path and reason", () => {
    const broken = JSON.parse(jobOffer);
    broken.firstMover = "boss";
    broken.noDeal.salary = "999k";
    const reading = readScenarioFile("broken.json", JSON.stringify(broken));
    expect(reading.ok).toBe(false);
    const expected = parseScenario(broken);
    if (reading.ok || expected.ok) throw new Error("both should refuse it");
    expect(reading.problems).toEqual(expected.error);
    expect(problemLines(reading.problems).lines).toEqual(['firstMover: unknown side "boss" (known sides: firm, candidate)', 'noDeal.salary: issue salary has no option "999k"']);
  });

  it("not JSON, too large, or an id already on the server: refused in words", () => {
    const notJson = readScenarioFile("notes.json", "{ this is not json");
    expect(notJson.ok || notJson.problems[0]).toMatchObject({ path: "(file)", message: expect.stringMatching(/^not JSON \(/) });
    expect(readScenarioFile("huge.json", null)).toEqual({ ok: false, fileName: "huge.json", problems: [{ path: "(file)", message: "larger than 1 MB" }] });
    expect(readScenarioFile("padded.json", jobOffer + " ".repeat(MAX_SCENARIO_BYTES))).toMatchObject({ ok: false, problems: [{ path: "(file)" }] });
    expect(readScenarioFile("mine.json", jobOffer, ["job-offer"])).toMatchObject({ ok: false, problems: [{ path: "id", message: expect.stringContaining("already on this server") }] });
  });

  it("lists at most a screenful of problems and counts the rest", () => {
    const many = Array.from({ length: 15 }, (_, i) => ({ path: `issues[${i}]`, message: "wrong" }));
    const { lines, more } = problemLines(many);
    expect(lines).toHaveLength(12);
    expect(lines[0]).toBe("issues[0]: wrong");
    expect(more).toBe(3);
  });

  it("the class is opened on a built-in scenario and then given the file: the settings body is unchanged", () => {
    const reading = readScenarioFile("job-offer.json", jobOffer);
    if (!reading.ok) throw new Error("expected a good file");
    const form = { ...defaultClassForm(), upload: reading.upload };
    expect(classSettingsBody(form)).toEqual(classSettingsBody(defaultClassForm()));
  });
});
