export { MlPatternPicker, mlPatternPickerValidation } from './MlPatternPicker';
export type { MlPatternPickerUiOptions } from './MlPatternPicker';
