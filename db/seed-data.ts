/** Names and words the demo data is drawn from. */
export const familyNames = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý"];
export const middleNames = ["Văn", "Thị", "Minh", "Hoàng", "Thu", "Quốc", "Ngọc", "Đức", "Thanh", "Hữu"];
export const givenNames = ["An", "Bình", "Cường", "Dũng", "Giang", "Hà", "Hải", "Hạnh", "Hùng", "Hương", "Khoa", "Lan", "Linh", "Long", "Mai", "Nam", "Nga", "Phúc", "Quân", "Tâm", "Thảo", "Trang", "Tuấn", "Vy", "Yến", "Đức", "Ánh", "Ơn", "Ưng"];
export const englishGiven = ["Emma", "Liam", "Olivia", "Noah", "Sophia", "James", "Mia", "Lucas"];
export const englishFamily = ["Smith", "Johnson", "Brown", "Taylor", "Wilson", "Clark"];

export const companyKinds = ["Công ty TNHH", "Công ty Cổ phần", "Tập đoàn", "Công ty TNHH MTV"];
export const companyWords = ["Sao Mai", "Hòa Phát", "Thành Công", "Phú Gia", "Đại Việt", "Minh Long", "Hồng Hà", "Trường Sơn", "Bình Minh", "Ánh Dương", "Việt Tiến", "Hưng Thịnh", "An Khang", "Phương Nam", "Đông Á", "Kim Long", "Tân Phát", "Hải Âu", "Lạc Hồng", "Đức Thành"];
export const companyTrades = ["Thương mại", "Xây dựng", "Công nghệ", "Dược phẩm", "Thực phẩm", "Logistics", "Nội thất", "Du lịch"];
export const englishCompanies = ["Saigon Trading Co.", "Mekong Logistics Ltd", "Hanoi Software Group", "Pacific Foods JSC", "Blue River Hotels", "Delta Agro Export", "Lotus Media", "Harbor Engineering"];

export const dealWords = ["Cung cấp", "Triển khai", "Bảo trì", "Tư vấn", "Lắp đặt", "Thiết kế", "Nâng cấp", "Đào tạo"];
export const dealObjects = ["phần mềm CRM", "hệ thống camera", "máy chủ", "website bán hàng", "nội thất văn phòng", "thiết bị mạng", "giải pháp kế toán", "ứng dụng di động"];
export const englishDeals = ["Annual support contract", "Warehouse scanners rollout", "ERP integration", "Office fit-out", "Cloud migration", "Staff training programme", "POS terminals", "Security audit"];

export const products: { name: string; sku: string; price: string; unit: string; taxRate: string | null }[] = [
  { name: "Giấy phép CRM (1 người dùng / năm)", sku: "CRM-USER-Y", price: "2400000", unit: "giấy phép", taxRate: "10" },
  { name: "Gói triển khai CRM", sku: "CRM-IMPL", price: "35000000", unit: "gói", taxRate: "10" },
  { name: "Đào tạo người dùng (1 ngày)", sku: "TRAIN-DAY", price: "8000000", unit: "ngày", taxRate: "10" },
  { name: "Máy chủ Dell PowerEdge R650", sku: "SRV-R650", price: "185000000", unit: "cái", taxRate: "10" },
  { name: "Camera IP Hikvision 4MP", sku: "CAM-4MP", price: "2150000", unit: "cái", taxRate: "10" },
  { name: "Switch Cisco 24 cổng", sku: "SW-24P", price: "12900000", unit: "cái", taxRate: "10" },
  { name: "Bàn làm việc gỗ sồi", sku: "DESK-OAK", price: "4500000", unit: "cái", taxRate: "8" },
  { name: "Ghế công thái học", sku: "CHAIR-ERG", price: "3200000", unit: "cái", taxRate: "8" },
  { name: "Hosting doanh nghiệp (12 tháng)", sku: "HOST-12", price: "6000000", unit: "năm", taxRate: "10" },
  { name: "Tư vấn quy trình bán hàng (giờ)", sku: "CONSULT-H", price: "1500000", unit: "giờ", taxRate: "10" },
  { name: "Bảo trì hệ thống (tháng)", sku: "MAINT-M", price: "5000000", unit: "tháng", taxRate: "10" },
  { name: "Thiết kế website", sku: "WEB-DESIGN", price: "45000000", unit: "gói", taxRate: null },
];

/** The reference's default stages: code, sort, colour, semantics; names per pipeline language. */
/** Units of VND per unit of each other currency the demo uses. */
export const currencyRates = [
  { currency: "USD", rate: "25400" },
  { currency: "EUR", rate: "27500" },
];

export const defaultStages: { code: string; sort: number; color: string; semantics: "P" | "S" | "F"; vi: string; en: string; system: boolean; rotDays?: number }[] = [
  { code: "NEW", sort: 10, color: "#39A8EF", semantics: "P", vi: "Mới", en: "New", system: true, rotDays: 7 },
  { code: "PREPARATION", sort: 20, color: "#2FC6F6", semantics: "P", vi: "Chuẩn bị tài liệu", en: "Preparing documents", system: false, rotDays: 14 },
  { code: "PREPAYMENT_INVOICE", sort: 30, color: "#55D0E0", semantics: "P", vi: "Hóa đơn tạm ứng", en: "Prepayment invoice", system: false },
  { code: "EXECUTING", sort: 40, color: "#47E4C2", semantics: "P", vi: "Đang thực hiện", en: "In progress", system: false },
  { code: "FINAL_INVOICE", sort: 50, color: "#FFA900", semantics: "P", vi: "Hóa đơn cuối", en: "Final invoice", system: false },
  { code: "WON", sort: 60, color: "#7BD500", semantics: "S", vi: "Thành công", en: "Deal won", system: true },
  { code: "LOSE", sort: 70, color: "#FF5752", semantics: "F", vi: "Thất bại", en: "Deal lost", system: true },
  { code: "APOLOGY", sort: 80, color: "#FF5752", semantics: "F", vi: "Thất bại — phân tích lý do", en: "Analyse failure", system: false },
];

export const DEMO_PASSWORD = "demo1234";

/** The demo team; the first is the administrator. Department keys refer to the tree below. */
export const demoUsers: { email: string; name: string; title: string; department: string; admin?: boolean; head?: boolean; readOnly?: boolean }[] = [
  { email: "admin@example.com", name: "Nguyễn Văn An", title: "Giám đốc", department: "board", admin: true, head: true },
  { email: "bich.tran@example.com", name: "Trần Thị Bích", title: "Trưởng phòng kinh doanh Hà Nội", department: "hanoi", head: true },
  { email: "cuong.le@example.com", name: "Lê Hoàng Cường", title: "Trưởng phòng kinh doanh TP.HCM", department: "hcm", head: true },
  { email: "duc.pham@example.com", name: "Phạm Minh Đức", title: "Nhân viên kinh doanh", department: "hanoi" },
  { email: "ha.hoang@example.com", name: "Hoàng Thị Hà", title: "Nhân viên kinh doanh", department: "hanoi" },
  { email: "huy.vu@example.com", name: "Vũ Quốc Huy", title: "Nhân viên kinh doanh", department: "hanoi" },
  { email: "lan.dang@example.com", name: "Đặng Thu Lan", title: "Nhân viên kinh doanh", department: "hcm" },
  { email: "long.bui@example.com", name: "Bùi Văn Long", title: "Nhân viên kinh doanh", department: "hcm" },
  { email: "mai.do@example.com", name: "Đỗ Thị Mai", title: "Nhân viên kinh doanh", department: "hcm" },
  { email: "john.carter@example.com", name: "John Carter", title: "Sales manager, international", department: "intl", head: true },
  // Sees every deal, changes none: the Read-only role.
  { email: "khoa.ngo@example.com", name: "Ngô Minh Khoa", title: "Kế toán trưởng", department: "board", readOnly: true },
];

export const demoDepartments: { key: string; name: string; parent: string | null }[] = [
  { key: "board", name: "Ban giám đốc", parent: null },
  { key: "sales", name: "Khối kinh doanh", parent: "board" },
  { key: "hanoi", name: "Kinh doanh Hà Nội", parent: "sales" },
  { key: "hcm", name: "Kinh doanh TP.HCM", parent: "sales" },
  { key: "intl", name: "International sales", parent: "sales" },
];

/** The demo org's own company: the seller on its quotes and invoices. */
export const demoCompany = {
  legalName: "Công ty TNHH Giải pháp Sao Việt",
  taxCode: "0100109106",
  address: "Tầng 5, 18 Lý Thường Kiệt, Hoàn Kiếm, Hà Nội",
  phone: "024 3939 1234",
  email: "ketoan@saoviet.example",
  director: "Nguyễn Minh Quang",
  accountant: "Trần Thu Hà",
  bankAccounts: [{ bank: "Vietcombank — CN Hà Nội", account: "0011 0045 67890", holder: "Công ty TNHH Giải pháp Sao Việt" }],
};
