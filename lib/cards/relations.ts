// How a model relates to its base_model, as cards declare it (base_model_relation).
export const RELATIONS = ["finetune", "adapter", "quantized", "merge"] as const;
export type Relation = (typeof RELATIONS)[number];
