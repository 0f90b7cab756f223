export {
  CheckedTextInput,
  MlTextField,
  fieldMessage,
  mlTextFieldValidation,
} from './MlTextField';
export type { MlTextFieldUiOptions } from './MlTextField';
