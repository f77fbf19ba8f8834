export { dealOperations as operations, type DealOperation as Operation } from "@/db/schema/permissions";
