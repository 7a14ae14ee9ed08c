import type { Room } from "@colyseus/sdk";
import type { Assignment, InstructorLink } from "../../net/class-connection.js";

/** Classroom mode's connections, outliving scene restarts (resize, language switch). */
export const classState: { link: InstructorLink | null; student: Room | null; assignment: Assignment | null } = { link: null, student: null, assignment: null };

export const classKeys = { lobby: "class", debrief: "class-debrief" } as const;
