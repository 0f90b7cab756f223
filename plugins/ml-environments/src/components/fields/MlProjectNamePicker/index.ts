export {
  MlProjectNamePicker,
  mlProjectNamePickerValidation,
} from './MlProjectNamePicker';
export type { MlProjectNamePickerUiOptions } from './MlProjectNamePicker';
