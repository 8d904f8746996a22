/** A live program's abuse settings with no velocity limit: for tests whose subject is something else. */
export const UNLIMITED = { perPersonPerDay: 0, perDevicePerDay: 0, perEmailPerDay: 0, perIpPerHour: 0 };
