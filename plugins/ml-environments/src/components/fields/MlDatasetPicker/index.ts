export { MlDatasetPicker, mlDatasetPickerValidation } from './MlDatasetPicker';
