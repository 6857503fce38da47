import { describe, expect, it } from "vitest";
import { downloadFileName } from "./file-name";

describe("downloadFileName", () => {
  it.each([
    ["checkout-service", "checkout-service.yaml"],
    ["svc_v1.2", "svc_v1.2.yaml"],
    ['a"b\r\nc/d', "a_b__c_d.yaml"],
  ])("%j → %j", (name, file) => expect(downloadFileName(name)).toBe(file));
});
