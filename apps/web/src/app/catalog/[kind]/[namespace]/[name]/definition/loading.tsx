export { TabLoading as default } from "@/components/entity/tab-loading";
