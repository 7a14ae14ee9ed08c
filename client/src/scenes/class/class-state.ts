import type { PublicScenario } from "../../../../shared/index.js";
import type { Assignment, InstructorLink, StudentLink } from "../../net/class-connection.js";
import type { ClassForm } from "../../view-models/class-form.js";
import type { EventDraft } from "../../view-models/class-dashboard-model.js";

export type ControlTab = "move" | "inject" | "extend";

/**
 * Classroom mode's connections and half-filled forms, outliving scene restarts (resize, language
 * switch, a dashboard that changed shape): nothing typed is lost when the screen redraws.
 */
export const classState: {
  link: InstructorLink | null;
  student: StudentLink | null;
  studentCode: string | null;
  assignment: Assignment | null;
  /** The landing cards or the "open a class" form. */
  view: "landing" | "form";
  form: ClassForm | null;
  scenarios: PublicScenario[];
  /** The key stays on screen, once, until the instructor says it is written down. */
  keyVisible: boolean;
  tab: ControlTab;
  /** Move: the student picked first; then a free seat is pressed. */
  picked: string | null;
  target: string;
  injectSource: "deck" | "custom";
  deckChoice: string | null;
  draft: EventDraft | null;
  extendRounds: number;
  page: number;
  /** The last class code typed in the join card. */
  typedCode: string;
  /** A reload's automatic rejoin is tried once per page. */
  resumeTried: boolean;
} = {
  link: null, student: null, studentCode: null, assignment: null, view: "landing", form: null, scenarios: [], keyVisible: false,
  tab: "move", picked: null, target: "all", injectSource: "deck", deckChoice: null, draft: null, extendRounds: 1, page: 0, typedCode: "", resumeTried: false,
};

export const classKeys = { lobby: "class", debrief: "class-debrief" } as const;
