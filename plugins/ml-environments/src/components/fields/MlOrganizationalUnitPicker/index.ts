export {
  MlOrganizationalUnitPicker,
  mlOrganizationalUnitPickerValidation,
} from './MlOrganizationalUnitPicker';
export type { MlOrganizationalUnitPickerUiOptions } from './MlOrganizationalUnitPicker';
