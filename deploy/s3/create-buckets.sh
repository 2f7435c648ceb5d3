#!/bin/sh
# One-shot job (amazon/aws-cli): creates the document and report buckets if they are missing and turns
# versioning on for both, then reads the setting back. Idempotent, so it runs on every `docker compose up`.
# Credentials and region come from AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY / AWS_DEFAULT_REGION, which
# docker-compose.yml maps from S3_ACCESS_KEY / S3_SECRET_KEY / S3_REGION.
set -eu

: "${S3_ENDPOINT:?S3_ENDPOINT is required}"
: "${S3_BUCKET_DOCUMENTS:?S3_BUCKET_DOCUMENTS is required}"
: "${S3_BUCKET_REPORTS:?S3_BUCKET_REPORTS is required}"

# Self-hosted S3 servers are addressed by path (http://host:port/bucket), not by virtual host.
aws configure set default.s3.addressing_style path

s3api() {
  aws --endpoint-url "$S3_ENDPOINT" s3api "$@"
}

for bucket in "$S3_BUCKET_DOCUMENTS" "$S3_BUCKET_REPORTS"; do
  if s3api head-bucket --bucket "$bucket" >/dev/null 2>&1; then
    echo "Bucket $bucket exists."
  else
    s3api create-bucket --bucket "$bucket" >/dev/null
    echo "Bucket $bucket created."
  fi
  s3api put-bucket-versioning --bucket "$bucket" --versioning-configuration Status=Enabled
  status=$(s3api get-bucket-versioning --bucket "$bucket" --query Status --output text)
  if [ "$status" != "Enabled" ]; then
    echo "Versioning of $bucket is '$status', expected 'Enabled'" >&2
    exit 1
  fi
  echo "Versioning of $bucket is enabled."
done
