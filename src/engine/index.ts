// The script engine: Odoo's chatbot semantics as pure functions over script data.
export type { ChatbotScript, ChatbotScriptStep, ChatbotScriptAnswer } from "./types.ts";
export { nextStep, sortedSteps, onlyIfHolds } from "./next-step.ts";
export { welcomeSteps } from "./welcome.ts";
export { isLastStep } from "./last-step.ts";
export { firstStepWarning, isForwardOperatorChild, forwardOperatorChildFlags, type FirstStepWarning } from "./warnings.ts";
export { assignSequences } from "./sequence.ts";
export { cleanTriggeringAnswers, answerStepMap } from "./only-if.ts";
export { remapTriggeringAnswers } from "./duplicate.ts";
export { answerDisplayName, shortenText } from "./answer-display.ts";
export { emailNormalize, splitEmails, quoteVisitorText } from "./email.ts";
export { checkPhone, type PhoneCheck } from "./phone.ts";
export {
  initialState,
  reduce,
  viewStep,
  isInputStep,
  type ConversationState,
  type VisitorEvent,
  type StepContext,
  type EngineOutput,
  type EngineError,
  type ReduceResult,
  type RawAnswer,
} from "./conversation.ts";
export { customerValues, channelHistory, leadName, ticketName, escapeHtml, type CustomerValues, type CustomerOptions } from "./customer.ts";
export { analyzeScript, type Finding, type FindingKind, type Analysis, type AnalysisOptions } from "./analysis.ts";
export { exploreScript, type Exploration, type ExploreOptions } from "./explore.ts";
export { enumeratePaths, canBeInvalid, type ScriptPath, type PathChoice, type PathOptions, type PathEnumeration } from "./paths.ts";
export { stepLabel } from "./step-label.ts";
