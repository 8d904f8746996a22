export {
  ProgramInput,
  ageBounds,
  availability,
  fixedSubSegment,
  type PartnerSettings,
  type Program,
  type ProgramConfig,
} from './domain/program.ts';
export { rewardPlan, autogenCode, type RewardPlan } from './domain/reward.ts';
export { ProgramErrors } from './error-codes.ts';
export { PROGRAM_LIMITS, ProgramsRepository, type LowStockAlert } from './infra/programs-repository.ts';
export type { ProgramsDeps } from './app/deps.ts';
export { createProgram, presentProgram, storeProgram } from './app/create-program.ts';
export { changeProgram } from './app/change-program.ts';
export { uploadRewardCodes } from './app/reward-codes.ts';
export { MAX_LOW_STOCK_THRESHOLD, rewardCodeStock, setRewardCodeThreshold } from './app/reward-stock.ts';
export { getTheme, loadProgram, searchProgramOrganizations, type OrganizationSearch } from './app/theme-and-search.ts';
export { registerProgramRoutes } from './http/routes.ts';
export { defaultMessages, type ThemeMessages } from './domain/messages/index.ts';
export { OFFER_TYPES } from './domain/program.ts';
export { createProgramsModule } from './module.ts';
