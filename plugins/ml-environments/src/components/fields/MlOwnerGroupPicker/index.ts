export {
  MlOwnerGroupPicker,
  mlOwnerGroupPickerValidation,
  ownerGroupLabel,
} from './MlOwnerGroupPicker';
