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
