export {
  frenchCalendarDate,
  frenchDate,
  frenchDateTime,
  frenchEuros,
  frenchNumericDate,
  frenchRate,
  frenchSize,
  frenchTime,
  NNBSP,
  PARIS_TIME_ZONE,
} from './format';
