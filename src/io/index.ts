export {
  encodeSafetensors,
  decodeSafetensors,
  readSafetensorsHeader,
  SafetensorsError,
  SAFETENSORS_MAX_HEADER,
  type SafetensorsFile,
  type SafetensorsHeader,
  type SafetensorsEntry,
} from './safetensors.js';
