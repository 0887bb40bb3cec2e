"""Interface strings and date formats, one table per language."""

from __future__ import annotations

import datetime as dt

from .model import VIETNAM

STRINGS: dict[str, dict[str, str]] = {
    "vi": {
        "home": "Trang chủ",
        "skip": "Bỏ qua, đến nội dung chính",
        "latest": "Bài mới nhất",
        "all_articles": "Tất cả bài viết",
        "by_date": "Theo thời gian",
        "by_locality": "Theo địa phương",
        "by_document": "Theo văn bản",
        "search": "Tìm kiếm",
        "search_placeholder": "Từ khóa, ví dụ: chi thi 05",
        "search_button": "Tìm",
        "articles": "bài viết",
        "article_count": "{n} bài viết",
        "author": "Tác giả",
        "source": "Nguồn",
        "section": "Chuyên mục",
        "views": "Lượt xem",
        "locality": "Địa phương",
        "places": "Địa danh khác được nhắc đến",
        "documents": "Văn bản được nhắc đến",
        "provenance": "Nguồn gốc bản lưu",
        "original_file": "Tệp gốc",
        "checksum": "SHA-256",
        "no_date": "Không rõ ngày",
        "year": "Năm {year}",
        "month": "Tháng {month}/{year}",
        "months": "Các tháng",
        "years": "Các năm",
        "page_n": "Trang {n}",
        "pages": "Phân trang",
        "previous": "← Trang trước",
        "next": "Trang sau →",
        "subunits": "Đơn vị trực thuộc",
        "unresolved": "Chưa xác định tỉnh, thành",
        "unresolved_note": "Tên này có ở nhiều tỉnh, thành; bài viết không cho biết là ở đâu.",
        "no_locality": "Chưa rõ địa phương",
        "issued_by": "Cơ quan ban hành",
        "doc_type": "Loại văn bản",
        "issued_on": "Ngày ban hành",
        "registry_unknown": "Văn bản này chưa có trong danh mục văn bản.",
        "other_documents": "Văn bản khác",
        "not_found": "Không tìm thấy trang",
        "not_found_text": "Trang bạn tìm không có trong kho lưu trữ. Hãy thử từ trang chủ hoặc tìm kiếm.",
        "archive_span": "Kho lưu trữ có {n} bài viết, từ {first} đến {last}.",
        "footer": "Kho lưu trữ tĩnh, tạo bởi luutru.",
        "caption": "Ảnh",
        "in_province": "thuộc {province}",
        "now_part_of": "Sau sắp xếp đơn vị hành chính năm 2025: {now}.",
        "breadcrumb": "Đường dẫn",
        "main_nav": "Điều hướng chính",
        "empty": "Chưa có bài viết nào.",
    },
    "en": {
        "home": "Home",
        "skip": "Skip to main content",
        "latest": "Latest articles",
        "all_articles": "All articles",
        "by_date": "By date",
        "by_locality": "By locality",
        "by_document": "By document",
        "search": "Search",
        "search_placeholder": "Keywords, e.g. chi thi 05",
        "search_button": "Search",
        "articles": "articles",
        "article_count": "{n} articles",
        "author": "Author",
        "source": "Source",
        "section": "Section",
        "views": "Views",
        "locality": "Locality",
        "places": "Other places mentioned",
        "documents": "Documents cited",
        "provenance": "Provenance",
        "original_file": "Original file",
        "checksum": "SHA-256",
        "no_date": "Undated",
        "year": "{year}",
        "month": "{month_name} {year}",
        "months": "Months",
        "years": "Years",
        "page_n": "Page {n}",
        "pages": "Pagination",
        "previous": "← Previous page",
        "next": "Next page →",
        "subunits": "Units within",
        "unresolved": "Province not determined",
        "unresolved_note": "Several provinces have a unit of this name; the article does not say which.",
        "no_locality": "Locality unknown",
        "issued_by": "Issued by",
        "doc_type": "Type",
        "issued_on": "Issued on",
        "registry_unknown": "This document is not in the document registry yet.",
        "other_documents": "Other documents",
        "not_found": "Page not found",
        "not_found_text": "The page you asked for is not in this archive. Try the home page or search.",
        "archive_span": "The archive holds {n} articles, from {first} to {last}.",
        "footer": "A static archive built with luutru.",
        "caption": "Photo",
        "in_province": "in {province}",
        "now_part_of": "Since the 2025 reorganisation of administrative units: {now}.",
        "breadcrumb": "Breadcrumb",
        "main_nav": "Main navigation",
        "empty": "No articles yet.",
    },
}

WEEKDAYS = {
    "vi": ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ Nhật"),
    "en": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
}
MONTHS_EN = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)


def strings(language: str) -> dict[str, str]:
    return STRINGS[language]


def format_date(value: dt.datetime | dt.date | None, language: str, weekday: bool = True) -> str:
    """'Thứ Ba, 11/05/2021, 09:41' (vi) or 'Tuesday, 11 May 2021, 09:41' (en)."""
    if value is None:
        return STRINGS[language]["no_date"]
    time = None
    if isinstance(value, dt.datetime):
        local = value.astimezone(VIETNAM) if value.tzinfo else value
        time, value = local.strftime("%H:%M"), local.date()
    if language == "en":
        day = f"{value.day} {MONTHS_EN[value.month - 1]} {value.year}"
    else:
        day = f"{value.day:02d}/{value.month:02d}/{value.year}"
    parts = [WEEKDAYS[language][value.weekday()]] if weekday else []
    parts.append(day)
    if time:
        parts.append(time)
    return ", ".join(parts)


def month_label(year: int, month: int, language: str) -> str:
    return STRINGS[language]["month"].format(
        year=year, month=f"{month:02d}", month_name=MONTHS_EN[month - 1]
    )
