"""gongkai (公开): checks 政府信息公开 records and builds the public disclosure site."""

__version__ = "0.1.0"
