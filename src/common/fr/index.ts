export { frenchCalendarDate, frenchDate, frenchDateTime, frenchEuros, frenchNumericDate, frenchRate, frenchSize, NNBSP, PARIS_TIME_ZONE } from './format';
