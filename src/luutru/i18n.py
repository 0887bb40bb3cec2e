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
        "articles_one": "bài viết",
        "article_count": "{n} bài viết",
        "article_count_one": "{n} bài viết",
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
        "archive_span_one": "Kho lưu trữ có {n} bài viết, ngày {first}.",
        "footer": "Kho lưu trữ tĩnh, tạo bởi luutru.",
        "caption": "Ảnh",
        "in_province": "thuộc {province}",
        "now_part_of": "Sau sắp xếp đơn vị hành chính năm 2025: {now}.",
        "breadcrumb": "Đường dẫn",
        "main_nav": "Điều hướng chính",
        "empty": "Chưa có bài viết nào.",
        # find and follow
        "search_label": "Tìm trong kho lưu trữ",
        "search_hint": "Gõ có dấu hay không dấu đều được: “chi thi 05”, “dang bo thanh xuan”, “05-CT/TW”.",
        "search_filters": "Lọc và sắp xếp",
        "search_sort": "Sắp xếp",
        "sort_relevance": "Phù hợp nhất",
        "sort_newest": "Mới nhất trước",
        "sort_oldest": "Cũ nhất trước",
        "filter_province": "Tỉnh, thành",
        "filter_document": "Văn bản",
        "filter_year": "Năm",
        "filter_all": "Tất cả",
        "search_results": "Kết quả",
        "search_count": "{n} bài viết",
        "search_count_one": "{n} bài viết",
        "search_none": "Không tìm thấy bài viết nào. Hãy thử ít từ hơn, hoặc bỏ bớt bộ lọc.",
        "search_loading": "Đang tìm…",
        "search_more": "Xem thêm kết quả",
        "search_noscript": "Trang tìm kiếm cần JavaScript. Bạn vẫn có thể tìm bài theo thời gian, địa phương hoặc văn bản.",
        "search_offline": "Tìm kiếm chỉ chạy khi kho được mở qua máy chủ web (ví dụ: luutru serve), không chạy khi mở tệp trực tiếp từ ổ đĩa.",
        "search_missing": "Chưa có chỉ mục tìm kiếm. Hãy chạy lại: luutru build.",
        "follow": "Theo dõi",
        "feed": "Nguồn tin Atom",
        "feed_of": "Nguồn tin Atom: {title}",
        "related": "Bài liên quan",
        "by_year_heading": "Số bài theo năm",
        "chart_by_year": "Số bài viết theo năm: {subject}",
        "chart_by_year_desc": "Số bài viết mỗi năm — {values}.",
        "chart_table": "Số liệu",
        "year_col": "Năm",
        "count_col": "Số bài",
        "reported_by": "Địa phương đưa tin",
        "cited_with": "Thường được nhắc cùng",
        "top_documents": "Văn bản được nhắc nhiều nhất",
        "most_cited": "Văn bản được nhắc nhiều nhất",
        "stats_articles": "bài viết",
        "stats_articles_one": "bài viết",
        "stats_localities": "địa phương",
        "stats_localities_one": "địa phương",
        "stats_documents": "văn bản",
        "stats_documents_one": "văn bản",
        "data": "Dữ liệu",
        "data_intro": "Toàn bộ {n} bài viết của kho, mỗi bài một dòng, để tải về và phân tích. Cả hai tệp có cùng các trường, theo cùng thứ tự (mới nhất trước, bài không rõ ngày ở cuối).",
        "data_intro_one": "Bài viết duy nhất của kho, trên một dòng, để tải về và phân tích. Cả hai tệp có cùng các trường, theo cùng thứ tự.",
        "data_json": "articles.json — JSON, UTF-8",
        "data_csv": "articles.csv — CSV cho bảng tính (UTF-8 có BOM, các giá trị trong một danh sách cách nhau bởi “; ”; ô bắt đầu bằng =, +, - hoặc @ có thêm dấu ' ở đầu để bảng tính không chạy nó như công thức)",
        "data_fields": "Các trường",
        "field": "Trường",
        "meaning": "Ý nghĩa",
        "field_url": "Địa chỉ trang bài viết (tuyệt đối khi site có base_url).",
        "field_title": "Tiêu đề bài viết.",
        "field_published": "Thời điểm đăng theo ISO 8601: ngày, hoặc ngày giờ kèm múi giờ (+07:00 là giờ Việt Nam).",
        "field_date": "Ngày đăng theo giờ Việt Nam (YYYY-MM-DD).",
        "field_year": "Năm đăng.",
        "field_locality": "Địa phương bài viết nói về (đơn vị hành chính tại thời điểm đăng).",
        "field_locality_level": "Cấp của địa phương: tỉnh, thành phố, quận, huyện, thị xã, phường, xã, thị trấn, đặc khu.",
        "field_district": "Quận, huyện chứa địa phương (với phường, xã, thị trấn).",
        "field_province": "Tỉnh, thành phố chứa địa phương; trống khi tên có ở nhiều tỉnh mà bài không nói rõ.",
        "field_documents": "Các văn bản bài viết nhắc đến, theo mã chuẩn (05-CT/TW, 08-CT/TU Hà Nội …).",
        "field_places": "Các địa danh khác được nhắc đến trong bài.",
        "field_author": "Tác giả.",
        "field_author_unit": "Đơn vị của tác giả.",
        "field_source": "Nguồn (ký hiệu hoặc trang gốc).",
        "field_section": "Chuyên mục trên trang gốc.",
        "field_views": "Lượt xem ghi trên trang gốc.",
        "field_origin_file": "Tệp văn bản gốc mà bài được nhập từ đó.",
        "field_origin_sha256": "Mã SHA-256 của tệp gốc, để kiểm tra tính toàn vẹn.",
        "field_record": "Đường dẫn của bản ghi trong thư mục content/.",
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
        "articles_one": "article",
        "article_count": "{n} articles",
        "article_count_one": "{n} article",
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
        "archive_span_one": "The archive holds {n} article, of {first}.",
        "footer": "A static archive built with luutru.",
        "caption": "Photo",
        "in_province": "in {province}",
        "now_part_of": "Since the 2025 reorganisation of administrative units: {now}.",
        "breadcrumb": "Breadcrumb",
        "main_nav": "Main navigation",
        "empty": "No articles yet.",
        # find and follow
        "search_label": "Search the archive",
        "search_hint": "Type with or without Vietnamese marks: “chi thi 05”, “dang bo thanh xuan”, “05-CT/TW”.",
        "search_filters": "Filter and sort",
        "search_sort": "Sort",
        "sort_relevance": "Best match",
        "sort_newest": "Newest first",
        "sort_oldest": "Oldest first",
        "filter_province": "Province",
        "filter_document": "Document",
        "filter_year": "Year",
        "filter_all": "All",
        "search_results": "Results",
        "search_count": "{n} articles",
        "search_count_one": "{n} article",
        "search_none": "No articles found. Try fewer words, or fewer filters.",
        "search_loading": "Searching…",
        "search_more": "More results",
        "search_noscript": "The search page needs JavaScript. You can still find articles by date, locality or document.",
        "search_offline": "Search works when the archive is served by a web server (for example: luutru serve), not when its files are opened from disk.",
        "search_missing": "There is no search index yet. Run luutru build again.",
        "follow": "Follow",
        "feed": "Atom feed",
        "feed_of": "Atom feed: {title}",
        "related": "Related articles",
        "by_year_heading": "Articles by year",
        "chart_by_year": "Articles per year: {subject}",
        "chart_by_year_desc": "Articles each year — {values}.",
        "chart_table": "Figures",
        "year_col": "Year",
        "count_col": "Articles",
        "reported_by": "Localities reporting on it",
        "cited_with": "Often cited with",
        "top_documents": "Documents cited most",
        "most_cited": "Most cited documents",
        "stats_articles": "articles",
        "stats_articles_one": "article",
        "stats_localities": "localities",
        "stats_localities_one": "locality",
        "stats_documents": "documents",
        "stats_documents_one": "document",
        "data": "Data",
        "data_intro": "All {n} articles of the archive, one per row, to download and analyse. Both files have the same fields in the same order (newest first, undated last).",
        "data_intro_one": "The one article of the archive, in one row, to download and analyse. Both files have the same fields in the same order.",
        "data_json": "articles.json — JSON, UTF-8",
        "data_csv": "articles.csv — CSV for spreadsheets (UTF-8 with BOM; the values of a list are separated by “; ”; a cell starting with =, +, - or @ gets a leading ' so that spreadsheets do not run it as a formula)",
        "data_fields": "Fields",
        "field": "Field",
        "meaning": "Meaning",
        "field_url": "Address of the article's page (absolute when the site has a base_url).",
        "field_title": "Title of the article.",
        "field_published": "When it was published, ISO 8601: a date, or a date and time with its offset (+07:00 is Vietnam time).",
        "field_date": "Date of publication in Vietnam (YYYY-MM-DD).",
        "field_year": "Year of publication.",
        "field_locality": "The locality the article is about (the administrative unit as it was then).",
        "field_locality_level": "Its level: tỉnh, thành phố (province, city), quận, huyện, thị xã (district), phường, xã, thị trấn, đặc khu (ward, commune, special zone).",
        "field_district": "The district that holds it (for wards and communes).",
        "field_province": "The province that holds it; empty when several provinces have a unit of that name and the article does not say which.",
        "field_documents": "Documents the article cites, by canonical id (05-CT/TW, 08-CT/TU Hà Nội …).",
        "field_places": "Other places named in the article.",
        "field_author": "Author.",
        "field_author_unit": "The author's organisation.",
        "field_source": "Source (a tag or the original site).",
        "field_section": "Section on the original site.",
        "field_views": "View count shown on the original page.",
        "field_origin_file": "The raw text file the record was imported from.",
        "field_origin_sha256": "SHA-256 of that file, to check it is intact.",
        "field_record": "Path of the record inside the content folder.",
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


def number(n: int, language: str) -> str:
    """12.345 (vi) or 12,345 (en)."""
    return f"{n:,}".replace(",", "." if language == "vi" else ",")


def counted(key: str, n: int, language: str, **fields) -> str:
    """The string `key` said of `n` things: its `_one` form for one ("1 article"; Vietnamese
    has no plural, but a one-article archive has no span), with `n` written as numbers are."""
    table = STRINGS[language]
    text = table[f"{key}_one"] if n == 1 else table[key]
    return text.format(n=number(n, language), **fields)


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
