export {
  Trainer,
  type TrainerOptions,
  type TrainResult,
  type IterationEvent,
  type EpochEvent,
  type StopReason,
  type TrainerWarning,
  type TrainerEvents,
} from './trainer.js';
export { evaluateAccuracy } from './evaluate.js';
export {
  serializeNet,
  deserializeNet,
  describeNet,
  type SavableNet,
  type LoadedModel,
  ModelMismatchError,
  type DeserializeOptions,
} from './checkpoint.js';
export {
  NET_MODELS,
  NET_DEFAULTS,
  isNetModel,
  isConvModel,
  defaultInit,
  defaultLr,
  buildNet,
  describeNetSpec,
  type NetModel,
  type NetSpec,
  type NetDefaults,
} from './net-spec.js';
