export {
  Trainer,
  type TrainerOptions,
  type TrainResult,
  type IterationEvent,
  type EpochEvent,
  type StopReason,
} from './trainer.js';
export { evaluateAccuracy } from './evaluate.js';
export {
  serializeNet,
  deserializeNet,
  describeNet,
  type SavableNet,
  type LoadedModel,
} from './checkpoint.js';
